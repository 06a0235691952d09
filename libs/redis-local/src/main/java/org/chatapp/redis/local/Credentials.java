package org.chatapp.redis.local;

import java.util.List;

/**
 * What a client sends with {@code AUTH} to a node: nothing, a password for the default user, or a
 * user name and its password.
 */
record Credentials(String username, String password) {

    static final Credentials NONE = new Credentials(null, null);

    static Credentials password(String password) {
        return new Credentials(null, password);
    }

    static Credentials user(String username, String password) {
        return new Credentials(username, password);
    }

    boolean isNone() {
        return password == null;
    }

    /** Returns the arguments of the {@code AUTH} command for these credentials. */
    List<String> authArguments() {
        return username == null ? List.of("AUTH", password) : List.of("AUTH", username, password);
    }

    @Override
    public String toString() {
        // Never print the password, these objects end up in log lines and exception messages.
        return isNone() ? "no credentials" : username == null ? "default user" : "user " + username;
    }
}
