package org.chatapp.redis.session;

/**
 * A stored session payload cannot be trusted, so the store refuses to return it: its ciphertext or
 * the session it belongs to was changed, it was encrypted with a key the keyring no longer holds,
 * or it is stored unencrypted while the store requires encryption (and the other way round). The
 * message names the reason and the key id, never the session id, a key or the payload.
 */
public class SessionPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the payload was refused. */
    public enum Reason {
        /** The AES-GCM tag did not match: the ciphertext, or the session or user it is bound to, was changed. */
        TAMPERED,
        /** It was encrypted with a key the keyring does not hold (dropped, or never known to this store). */
        UNKNOWN_KEY,
        /** It is stored unencrypted and the store requires encryption, or encrypted and the store has no keyring. */
        ENCRYPTION_MISMATCH,
        /** It is not in the store's format at all. */
        MALFORMED
    }

    private final Reason reason;

    /** Creates the exception for a reason, with a message that holds no secret. */
    public SessionPayloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Returns why the payload was refused. */
    public Reason reason() {
        return reason;
    }
}
