package org.chatapp.apps.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one rule auth and the gateway share for finding a token in Redis without storing it. */
public final class Tokens {

    private Tokens() {
    }

    /** Returns the key (under {@link Platform#AUTH_PREFIX}) holding the user of a bearer token. */
    public static String key(String token) {
        return Platform.TOKEN_KEY + sha256(token);
    }

    /** Returns the hex SHA-256 of a text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
