package org.chatapp.redis;

/**
 * The Lettuce on the classpath is older than the one this library needs, usually because another
 * dependency management (Spring Boot's) chose it.
 */
public class UnsupportedLettuceVersionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String found;
    private final String required;

    /** Creates the exception for the version found and the lowest one accepted. */
    public UnsupportedLettuceVersionException(String found, String required) {
        super("chatapp-redis needs Lettuce (io.lettuce:lettuce-core) " + required + " or later; found " + found
                + " on the classpath. Set the version of io.lettuce:lettuce-core to " + required
                + " in the build's dependency management (Spring Boot's pins an older one).");
        this.found = found;
        this.required = required;
    }

    /** Returns the Lettuce version on the classpath. */
    public String found() {
        return found;
    }

    /** Returns the lowest Lettuce version this library accepts. */
    public String required() {
        return required;
    }
}
