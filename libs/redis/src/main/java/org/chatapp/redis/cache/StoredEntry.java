package org.chatapp.redis.cache;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One cache entry as stored in Redis: {@code 1|expiresAt|delta|kind|payload}, a string so that
 * scripts and {@code MGET} read it whole. {@code expiresAt} is the logical expiry in epoch
 * milliseconds of the service's clock (Redis keeps the key longer when stale-while-revalidate is
 * on), {@code delta} the milliseconds the load took (XFetch's delta), {@code kind} {@code t} for a
 * payload that is valid UTF-8 and stored as it is, {@code b} for any other payload in Base64, and
 * {@code n} for a cached "absent".
 *
 * @param expiresAt logical expiry, epoch milliseconds
 * @param deltaMillis how long the load took
 * @param payload the encoded value, or {@code null} for "absent"
 */
record StoredEntry(long expiresAt, long deltaMillis, byte[] payload) {

    static final String VERSION = "1";

    /** Returns the entry as stored. */
    String format() {
        StringBuilder text = new StringBuilder(32 + (payload == null ? 0 : payload.length));
        text.append(VERSION).append('|').append(expiresAt).append('|').append(deltaMillis).append('|');
        if (payload == null) {
            return text.append('n').append('|').toString();
        }
        String utf8 = utf8(payload);
        if (utf8 != null) {
            return text.append('t').append('|').append(utf8).toString();
        }
        return text.append('b').append('|').append(Base64.getEncoder().encodeToString(payload)).toString();
    }

    /** Whether this is a cached "absent". */
    boolean absent() {
        return payload == null;
    }

    /**
     * Reads a stored entry.
     *
     * @throws IllegalArgumentException when the text is not an entry of this format
     */
    static StoredEntry parse(String text) {
        int first = text.indexOf('|');
        int second = first < 0 ? -1 : text.indexOf('|', first + 1);
        int third = second < 0 ? -1 : text.indexOf('|', second + 1);
        if (first != 1 || !text.startsWith(VERSION) || third < 0 || text.length() < third + 3 || text.charAt(third + 2) != '|') {
            throw new IllegalArgumentException("not a cache entry of format " + VERSION);
        }
        long expiresAt = Long.parseLong(text, first + 1, second, 10);
        long delta = Long.parseLong(text, second + 1, third, 10);
        char kind = text.charAt(third + 1);
        String payload = text.substring(third + 3);
        return switch (kind) {
            case 'n' -> new StoredEntry(expiresAt, delta, null);
            case 't' -> new StoredEntry(expiresAt, delta, payload.getBytes(StandardCharsets.UTF_8));
            case 'b' -> new StoredEntry(expiresAt, delta, Base64.getDecoder().decode(payload));
            default -> throw new IllegalArgumentException("unknown cache entry kind '" + kind + "'");
        };
    }

    /** Returns the bytes as a string when they are valid UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
