package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.chatapp.redis.session.SessionPayloadException.Reason;
import org.junit.jupiter.api.Test;

class PayloadEnvelopeTest {

    private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);
    private final PayloadEnvelope encrypting = new PayloadEnvelope(SessionKeyring.of("k1", new byte[16]), new SecureRandom());
    private final PayloadEnvelope plain = new PayloadEnvelope(null, new SecureRandom());

    @Test
    void seal_thenOpen_returnsThePayload() {
        assertThat(encrypting.open(encrypting.seal(PAYLOAD, "s1"), "s1")).isEqualTo(PAYLOAD);
        assertThat(plain.open(plain.seal(PAYLOAD, "s1"), "s1")).isEqualTo(PAYLOAD);
    }

    @Test
    void open_underAnotherSessionId_isRefusedAsTampered() {
        String sealed = encrypting.seal(PAYLOAD, "s1");

        assertRefused(() -> encrypting.open(sealed, "s2"), Reason.TAMPERED);
    }

    @Test
    void open_everySingleBitFlipped_isRefused() {
        String sealed = encrypting.seal(PAYLOAD, "s1");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(5));
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            String tampered = "e:k1:" + Base64.getEncoder().encodeToString(flipped);

            assertRefused(() -> encrypting.open(tampered, "s1"), Reason.TAMPERED);
        }
    }

    @Test
    void open_malformedText_isRefusedNotReturned() {
        assertRefused(() -> encrypting.open("garbage", "s1"), Reason.MALFORMED);
        assertRefused(() -> encrypting.open("e:k1:!!!", "s1"), Reason.MALFORMED);
        assertRefused(() -> encrypting.open("e:k1:AAAA", "s1"), Reason.MALFORMED);
        assertRefused(() -> encrypting.open("e:k1", "s1"), Reason.MALFORMED);
    }

    @Test
    void open_encryptedPayloadWithoutKeyring_isRefused() {
        String sealed = encrypting.seal(PAYLOAD, "s1");

        assertRefused(() -> plain.open(sealed, "s1"), Reason.ENCRYPTION_MISMATCH);
    }

    @Test
    void open_plantedKeyIdThatIsNoKeyId_isNotEchoed() {
        assertThatThrownBy(() -> encrypting.open("e:evil\nline:AAAA", "s1")).isInstanceOf(SessionPayloadException.class)
                .hasMessageNotContaining("evil");
    }

    private static void assertRefused(Runnable open, Reason reason) {
        assertThatThrownBy(open::run).isInstanceOf(SessionPayloadException.class)
                .extracting(e -> ((SessionPayloadException) e).reason()).isEqualTo(reason);
    }
}
