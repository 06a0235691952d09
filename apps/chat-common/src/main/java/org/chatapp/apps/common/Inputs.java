package org.chatapp.apps.common;

/** Checks of request fields, each failing with a 400 that names the field. */
public final class Inputs {

    private Inputs() {
    }

    /** Returns the trimmed text, or fails when it is missing, blank or longer than {@code max}. */
    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw ApiException.badRequest("'" + field + "' must be at most " + max + " characters");
        }
        return trimmed;
    }

    /** Returns the value, or fails when it is not a UUID (every id but a message's is one). */
    public static String uuid(String value, String field) {
        if (value == null || !value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw ApiException.badRequest("'" + field + "' must be an id");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
