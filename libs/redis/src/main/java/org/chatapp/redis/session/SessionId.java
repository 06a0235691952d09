package org.chatapp.redis.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A session id, {@code <userRef>.<secret>}: the user reference is the first 96 bits of the user id's
 * SHA-256 and the secret 144 random bits, both base64url. The user reference is the hash tag of
 * every key of the user's sessions and of their index, so one script reaches them all in a cluster,
 * and it lets {@link SessionStore#touch(String)} find the index without a read first. It tells the
 * holder of the id nothing they do not know (their own user); the secret is what makes the id
 * unguessable.
 *
 * @param userRef the hash tag shared by the user's keys
 * @param secret the random part, unique per session
 */
record SessionId(String userRef, String secret) {

    static final int USER_REF_CHARS = 16;
    static final int SECRET_BYTES = 18;
    static final int SECRET_CHARS = 24;
    static final int LENGTH = USER_REF_CHARS + 1 + SECRET_CHARS;

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    static SessionId random(String userId, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new SessionId(userRef(userId), URL_SAFE.encodeToString(secret));
    }

    /** Returns the id a caller holds, or null when the text is not one this store issues. */
    static SessionId parse(String text) {
        if (text.length() != LENGTH || text.charAt(USER_REF_CHARS) != '.') {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (i != USER_REF_CHARS && !isUrlSafe(text.charAt(i))) {
                return null;
            }
        }
        return new SessionId(text.substring(0, USER_REF_CHARS), text.substring(USER_REF_CHARS + 1));
    }

    static String userRef(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return URL_SAFE.encodeToString(digest).substring(0, USER_REF_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Returns the id as the caller holds it. */
    String text() {
        return userRef + "." + secret;
    }

    /** Never the secret: the id is a bearer credential. */
    @Override
    public String toString() {
        return "SessionId[userRef=" + userRef + "]";
    }

    private static boolean isUrlSafe(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
