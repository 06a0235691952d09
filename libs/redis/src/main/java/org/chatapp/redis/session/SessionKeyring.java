package org.chatapp.redis.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys session payloads are encrypted with: one current key, which encrypts every write,
 * and previous keys, which still decrypt what they encrypted. Rotating keeps old sessions readable:
 * {@code keyring.rotateTo("2025-07", newKey)} makes the new key current and keeps the old one for
 * reading until it is dropped with {@link #withoutKey(String)} (once every session it encrypted has
 * expired, that is after the store's TTL).
 *
 * <p>Each key has an id, stored beside each ciphertext, so a read picks the key that wrote it.
 * Immutable; the key bytes are copied in and never shown by {@link #toString()}.
 */
public final class SessionKeyring {

    private static final int LONGEST_KEY_ID = 32;

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private SessionKeyring(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * Returns a keyring whose only key is {@code key}, known as {@code keyId}.
     *
     * @param keyId 1 to 32 characters from {@code A-Z a-z 0-9 _ -}
     * @param key 16, 24 or 32 random bytes (AES-128, -192 or -256)
     * @throws IllegalArgumentException naming the argument when the id or the key is not valid
     */
    public static SessionKeyring of(String keyId, byte[] key) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(requireKeyId(keyId), secretKey(keyId, key));
        return new SessionKeyring(keyId, keys);
    }

    /**
     * Returns a copy that can also decrypt payloads written with {@code key}; the current key stays.
     *
     * @throws IllegalArgumentException when the id or the key is not valid, or the id is already in the keyring
     */
    public SessionKeyring withPreviousKey(String keyId, byte[] key) {
        Map<String, SecretKey> copy = new LinkedHashMap<>(keys);
        requireNew(requireKeyId(keyId));
        copy.put(keyId, secretKey(keyId, key));
        return new SessionKeyring(currentKeyId, copy);
    }

    /**
     * Returns a copy whose current key is {@code key}; the keys of this keyring stay, for reading.
     *
     * @throws IllegalArgumentException when the id or the key is not valid, or the id is already in the keyring
     */
    public SessionKeyring rotateTo(String keyId, byte[] key) {
        requireNew(requireKeyId(keyId));
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        copy.put(keyId, secretKey(keyId, key));
        copy.putAll(keys);
        return new SessionKeyring(keyId, copy);
    }

    /**
     * Returns a copy without a previous key; sessions it encrypted can no longer be read.
     *
     * @throws IllegalArgumentException when the id is the current key's or not in the keyring
     */
    public SessionKeyring withoutKey(String keyId) {
        if (currentKeyId.equals(keyId)) {
            throw new IllegalArgumentException("keyId '" + keyId + "' is the current key; rotate to another key first");
        }
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("keyId " + (keyId == null ? "null" : "'" + keyId + "'") + " is not in the keyring");
        }
        Map<String, SecretKey> copy = new LinkedHashMap<>(keys);
        copy.remove(keyId);
        return new SessionKeyring(currentKeyId, copy);
    }

    /** Returns the id of the key every write is encrypted with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Returns the ids of every key, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    SecretKey currentKey() {
        return keys.get(currentKeyId);
    }

    /** Returns the key with this id, or null when the keyring does not hold it. */
    SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    /** Names the keys, never their bytes. */
    @Override
    public String toString() {
        List<String> previous = new ArrayList<>(keys.keySet());
        previous.remove(currentKeyId);
        return "SessionKeyring[current=" + currentKeyId + ", previous=" + previous + "]";
    }

    private void requireNew(String keyId) {
        if (keys.containsKey(keyId)) {
            throw new IllegalArgumentException("keyId '" + keyId + "' is already in the keyring; key ids must be unique");
        }
    }

    static String requireKeyId(String keyId) {
        if (keyId == null || keyId.isEmpty() || keyId.length() > LONGEST_KEY_ID
                || !keyId.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
            throw new IllegalArgumentException("keyId must be 1 to " + LONGEST_KEY_ID + " characters from A-Z a-z 0-9 _ -, was "
                    + (keyId == null ? "null" : "'" + keyId + "'"));
        }
        return keyId;
    }

    private static SecretKey secretKey(String keyId, byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            // The length only: the bytes are a secret.
            throw new IllegalArgumentException("key '" + keyId + "' must be 16, 24 or 32 bytes (AES-128, -192 or -256), was "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new SecretKeySpec(key.clone(), "AES");
    }
}
