package org.chatapp.redis.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.chatapp.redis.session.SessionPayloadException.Reason;

/**
 * Turns an encoded payload into the text stored in Redis and back: {@code p:<base64>} as it is, or
 * {@code e:<keyId>:<base64 of nonce and ciphertext>} with AES-GCM, a random 96-bit nonce per write
 * and the session id as associated data, so a ciphertext copied into another session fails
 * authentication instead of decrypting (the id also names the user, see {@link SessionId}). Base64, because
 * script arguments travel as UTF-8 text and a payload may be any bytes.
 */
final class PayloadEnvelope {

    private static final String PLAIN = "p:";
    private static final String ENCRYPTED = "e:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "chatapp-session-v1".getBytes(StandardCharsets.UTF_8);

    private final SessionKeyring keyring;
    private final SecureRandom random;

    PayloadEnvelope(SessionKeyring keyring, SecureRandom random) {
        this.keyring = keyring;
        this.random = random;
    }

    String seal(byte[] payload, String sessionId) {
        if (keyring == null) {
            return PLAIN + Base64.getEncoder().encodeToString(payload);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, keyring.currentKey(), nonce, associatedData(sessionId), payload, 0,
                payload.length);
        byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        return ENCRYPTED + keyring.currentKeyId() + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * Returns the payload's bytes.
     *
     * @throws SessionPayloadException when the stored text was changed, is in the wrong form for this
     *     store, or was encrypted with a key the keyring does not hold
     */
    byte[] open(String stored, String sessionId) {
        if (stored.startsWith(PLAIN)) {
            if (keyring != null) {
                throw new SessionPayloadException(Reason.ENCRYPTION_MISMATCH,
                        "session payload is stored unencrypted, and this store requires encryption", null);
            }
            return base64(stored.substring(PLAIN.length()));
        }
        if (!stored.startsWith(ENCRYPTED)) {
            throw new SessionPayloadException(Reason.MALFORMED, "session payload is not in the session store's format", null);
        }
        int keyEnd = stored.indexOf(':', ENCRYPTED.length());
        if (keyEnd < 0) {
            throw new SessionPayloadException(Reason.MALFORMED, "encrypted session payload has no key id", null);
        }
        String keyId = stored.substring(ENCRYPTED.length(), keyEnd);
        if (keyring == null) {
            throw new SessionPayloadException(Reason.ENCRYPTION_MISMATCH,
                    "session payload is encrypted (key '" + printable(keyId) + "'), and this store has no keyring", null);
        }
        SecretKey key = keyring.key(keyId);
        if (key == null) {
            throw new SessionPayloadException(Reason.UNKNOWN_KEY, "session payload is encrypted with key '" + printable(keyId)
                    + "', which is not in the keyring " + keyring.keyIds(), null);
        }
        byte[] sealed = base64(stored.substring(keyEnd + 1));
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SessionPayloadException(Reason.MALFORMED, "encrypted session payload is too short to hold a nonce and a tag", null);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(sealed, 0, nonce, 0, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, key, nonce, associatedData(sessionId), sealed, NONCE_BYTES,
                sealed.length - NONCE_BYTES);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] associatedData, byte[] input, int offset, int length) {
        try {
            // A Cipher is not thread-safe, and a new one costs about a microsecond next to a network round trip.
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new SessionPayloadException(Reason.TAMPERED,
                    "session payload failed authentication: its ciphertext was changed or belongs to another session", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM, part of every Java runtime, failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] associatedData(String sessionId) {
        byte[] session = sessionId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(CONTEXT.length + 1 + session.length).put(CONTEXT).put((byte) 0).put(session).array();
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SessionPayloadException(Reason.MALFORMED, "session payload is not valid base64", e);
        }
    }

    /** A key id read from Redis is shown only when it looks like one, so a planted value cannot forge log lines. */
    private static String printable(String keyId) {
        try {
            return SessionKeyring.requireKeyId(keyId);
        } catch (IllegalArgumentException e) {
            return "(not a valid key id)";
        }
    }
}
