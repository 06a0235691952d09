package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SessionKeyringTest {

    private static final byte[] KEY = new byte[32];

    @Test
    void rotateTo_newKeyBecomesCurrent_oldKeysStayForReading() {
        SessionKeyring keyring = SessionKeyring.of("k1", KEY).rotateTo("k2", new byte[16]);

        assertThat(keyring.currentKeyId()).isEqualTo("k2");
        assertThat(keyring.keyIds()).containsExactly("k2", "k1");
    }

    @Test
    void withPreviousKey_keepsTheCurrentKey() {
        SessionKeyring keyring = SessionKeyring.of("k2", KEY).withPreviousKey("k1", new byte[24]);

        assertThat(keyring.currentKeyId()).isEqualTo("k2");
        assertThat(keyring.keyIds()).containsExactly("k2", "k1");
    }

    @Test
    void of_copiesTheKeyBytes_soLaterChangesToTheArrayDoNotReachTheKeyring() {
        byte[] key = new byte[16];
        SessionKeyring keyring = SessionKeyring.of("k1", key);

        key[0] = 42;

        assertThat(keyring.currentKey().getEncoded()[0]).isZero();
    }

    @Test
    void toString_namesTheKeys_neverTheirBytes() {
        byte[] key = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        String text = SessionKeyring.of("k1", key).rotateTo("k2", KEY).toString();

        assertThat(text).isEqualTo("SessionKeyring[current=k2, previous=[k1]]").doesNotContain("0123456789abcdef");
    }

    @Test
    void of_keyOfAWrongLength_isRejectedWithItsLengthOnly() {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k1", new byte[10]))
                .withMessage("key 'k1' must be 16, 24 or 32 bytes (AES-128, -192 or -256), was 10 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k1", null))
                .withMessage("key 'k1' must be 16, 24 or 32 bytes (AES-128, -192 or -256), was null");
    }

    @Test
    void of_invalidKeyId_isRejectedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k:1", KEY))
                .withMessage("keyId must be 1 to 32 characters from A-Z a-z 0-9 _ -, was 'k:1'");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of(null, KEY));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k".repeat(33), KEY));
    }

    @Test
    void rotateTo_anIdAlreadyInTheKeyring_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k1", KEY).rotateTo("k1", KEY))
                .withMessage("keyId 'k1' is already in the keyring; key ids must be unique");
    }

    @Test
    void withoutKey_theCurrentKey_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k1", KEY).withoutKey("k1"))
                .withMessage("keyId 'k1' is the current key; rotate to another key first");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionKeyring.of("k1", KEY).withoutKey("k9"))
                .withMessage("keyId 'k9' is not in the keyring");
    }
}
