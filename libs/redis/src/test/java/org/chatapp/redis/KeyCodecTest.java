package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    @Test
    void encode_putsThePrefixFirst() {
        assertThat(new String(new KeyCodec("chat:").encode("user:1"), StandardCharsets.UTF_8)).isEqualTo("chat:user:1");
        assertThat(new String(new KeyCodec("").encode("user:1"), StandardCharsets.UTF_8)).isEqualTo("user:1");
    }

    @Test
    void encode_hashTaggedKeys_keepSharingASlot() {
        KeyCodec codec = new KeyCodec("chat:");

        int a = SlotHash.getSlot(codec.encode("{room1}:a"));
        int b = SlotHash.getSlot(codec.encode("{room1}:b"));

        assertThat(a).isEqualTo(b).isEqualTo(SlotHash.getSlot("room1"));
    }

    @Test
    void decode_stripsThePrefix_multibyte() {
        KeyCodec codec = new KeyCodec("çhat:");

        assertThat(codec.decode(codec.encode("ключ"))).isEqualTo("ключ");
    }

    @Test
    void pattern_escapesGlobCharactersOfThePrefix() {
        assertThat(new KeyCodec("a*b?[x]:").pattern("user:*")).isEqualTo("a\\*b\\?\\[x\\]:user:*");
    }

    @Test
    void encode_emptyKey_fails() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyCodec("p:").encode(""))
                .withMessage("key must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyCodec("p:").encode(new String[0]))
                .withMessage("keys must not be empty");
    }
}
