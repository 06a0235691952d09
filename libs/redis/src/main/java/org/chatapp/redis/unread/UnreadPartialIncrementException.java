package org.chatapp.redis.unread;

import java.util.List;
import org.chatapp.redis.RedisServiceException;

/**
 * An {@link UnreadCounters#increment} over recipients in several cluster slots failed for some
 * slots: each slot's increment is atomic on its own, and this says which recipients were counted,
 * which were not (safe to count again) and which are of unknown outcome (counting them again may
 * count twice).
 */
public class UnreadPartialIncrementException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    private final List<String> incremented;
    private final List<String> notIncremented;
    private final List<String> outcomeUnknown;

    /** Creates the report of a partly applied increment. */
    public UnreadPartialIncrementException(String conversationId, List<String> incremented, List<String> notIncremented,
            List<String> outcomeUnknown, RedisServiceException firstFailure) {
        super("UNREAD INCREMENT", conversationId, incremented.size() + " recipient(s) counted, " + notIncremented.size()
                + " not counted, " + outcomeUnknown.size() + " of unknown outcome; first failure: " + firstFailure.getMessage(),
                firstFailure);
        this.incremented = List.copyOf(incremented);
        this.notIncremented = List.copyOf(notIncremented);
        this.outcomeUnknown = List.copyOf(outcomeUnknown);
    }

    /** Returns the recipients whose count went up. */
    public List<String> incremented() {
        return incremented;
    }

    /** Returns the recipients whose count did not change (not sent, or refused). */
    public List<String> notIncremented() {
        return notIncremented;
    }

    /** Returns the recipients whose increment was sent without a reply. */
    public List<String> outcomeUnknown() {
        return outcomeUnknown;
    }
}
