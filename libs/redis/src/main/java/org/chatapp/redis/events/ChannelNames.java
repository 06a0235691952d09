package org.chatapp.redis.events;

/**
 * The rules for channel names and patterns: a channel holds no glob character, so a pattern built
 * with {@link #escape(String)} can always match it literally, and user input never widens a pattern.
 */
final class ChannelNames {

    /** The characters Redis's glob matching gives a meaning to, backslash (its escape) included. */
    static final String GLOB_CHARACTERS = "*?[]\\";

    private ChannelNames() {
    }

    /**
     * Returns the fragment with each glob character preceded by a backslash.
     *
     * @throws IllegalArgumentException when the fragment is null
     */
    static String escape(String fragment) {
        if (fragment == null) {
            throw new IllegalArgumentException("fragment must not be null");
        }
        StringBuilder escaped = new StringBuilder(fragment.length() + 8);
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (GLOB_CHARACTERS.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * Checks a channel name: not null, not empty, and without glob characters.
     *
     * @throws IllegalArgumentException naming the argument and the value
     */
    static void requireChannel(String argument, String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException(argument + " must not be null or empty, was " + (channel == null ? "null" : "''"));
        }
        int glob = firstGlobCharacter(channel);
        if (glob >= 0) {
            throw new IllegalArgumentException(argument + " must not contain the glob character '" + channel.charAt(glob)
                    + "', was '" + channel + "'; a channel is matched literally: to match several, use subscribePattern,"
                    + " with RedisEvents.escape(...) around any part that comes from user input");
        }
    }

    /**
     * Checks a pattern: not null, not empty, no backslash at its end and no unclosed {@code [}.
     *
     * @throws IllegalArgumentException naming the argument and the value
     */
    static void requirePattern(String argument, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException(argument + " must not be null or empty, was " + (pattern == null ? "null" : "''"));
        }
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i == pattern.length() - 1) {
                    throw new IllegalArgumentException(argument + " must not end with a lone backslash, was '" + pattern + "'");
                }
                i++;
            } else if (c == '[' && !inClass) {
                inClass = true;
            } else if (c == ']' && inClass) {
                inClass = false;
            }
        }
        if (inClass) {
            throw new IllegalArgumentException(argument + " has a '[' without its ']', was '" + pattern
                    + "'; escape user input with RedisEvents.escape(...)");
        }
    }

    /** Returns the index of the first glob character, or -1. */
    static int firstGlobCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
