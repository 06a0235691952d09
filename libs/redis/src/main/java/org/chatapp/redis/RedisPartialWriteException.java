package org.chatapp.redis;

import java.util.List;

/**
 * A write over keys in several cluster slots ({@link RedisService#mset}, {@link RedisService#del},
 * {@link RedisService#unlink}) failed for some slots: it runs as one command per slot, each atomic
 * on its own, and this reports which keys each part left in which state. Keys are as the caller
 * wrote them, without the prefix.
 */
public class RedisPartialWriteException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    private final List<String> applied;
    private final List<String> notApplied;
    private final List<String> outcomeUnknown;

    RedisPartialWriteException(String operation, String keys, List<String> applied, List<String> notApplied,
            List<String> outcomeUnknown, RedisServiceException firstFailure) {
        super(operation, keys, applied.size() + " key(s) written, " + notApplied.size() + " not written, "
                + outcomeUnknown.size() + " of unknown outcome; first failure: " + firstFailure.getMessage(), firstFailure);
        this.applied = List.copyOf(applied);
        this.notApplied = List.copyOf(notApplied);
        this.outcomeUnknown = List.copyOf(outcomeUnknown);
    }

    /** Returns the keys whose part succeeded. */
    public List<String> applied() {
        return applied;
    }

    /** Returns the keys whose part was not applied (not sent, or refused by the server). */
    public List<String> notApplied() {
        return notApplied;
    }

    /** Returns the keys whose part was sent without a reply ({@link RedisOutcomeUnknownException}). */
    public List<String> outcomeUnknown() {
        return outcomeUnknown;
    }
}
