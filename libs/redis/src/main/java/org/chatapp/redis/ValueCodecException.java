package org.chatapp.redis;

/** Bytes read from Redis are not a value of the type a {@link ValueCodec} decodes. */
public class ValueCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;

    /** Creates the exception for the type that was expected. */
    public ValueCodecException(String type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    /** Returns the name of the type the bytes should have been. */
    public String type() {
        return type;
    }
}
