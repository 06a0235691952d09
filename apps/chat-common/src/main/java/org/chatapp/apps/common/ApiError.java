package org.chatapp.apps.common;

/**
 * The body of every error answer: {@code {"error": "<code>", "message": "<text>"}}.
 *
 * @param error   a short machine-readable code ({@code bad_request}, {@code unauthorized}, ...)
 * @param message what went wrong, in words safe to show to the caller
 */
public record ApiError(String error, String message) {

    /** Returns the JSON of this error, for the places (servlet filters) that write it by hand. */
    public String toJson() {
        return "{\"error\":" + quote(error) + ",\"message\":" + quote(message) + "}";
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
