package org.chatapp.redis.idempotency;

import java.util.Optional;

/**
 * What {@link Idempotency#execute} did.
 *
 * @param status whether this call ran the operation, replayed an earlier result, or found another
 *     caller running it
 * @param result the operation's result; empty only for {@link Status#IN_PROGRESS}
 */
public record IdempotencyOutcome(Status status, Optional<String> result) {

    /** Whether the operation ran, ran before, or is running elsewhere. */
    public enum Status {
        /** This call ran the operation; the result is its return value. */
        EXECUTED,
        /** An earlier call ran it; the result is the one it stored. */
        REPLAYED,
        /** Another call is running it now; ask again later (HTTP: 409 with Retry-After). */
        IN_PROGRESS
    }

    /**
     * Checks that a result is present exactly when the operation has completed.
     *
     * @throws IllegalArgumentException when status or result is null, or a result comes with {@code IN_PROGRESS} or is missing otherwise
     */
    public IdempotencyOutcome {
        if (status == null || result == null) {
            throw new IllegalArgumentException((status == null ? "status" : "result") + " must not be null");
        }
        if (result.isPresent() == (status == Status.IN_PROGRESS)) {
            throw new IllegalArgumentException("result must be " + (status == Status.IN_PROGRESS ? "empty" : "present")
                    + " when status is " + status);
        }
    }

    static IdempotencyOutcome executed(String result) {
        return new IdempotencyOutcome(Status.EXECUTED, Optional.of(result));
    }

    static IdempotencyOutcome replayed(String result) {
        return new IdempotencyOutcome(Status.REPLAYED, Optional.of(result));
    }

    static IdempotencyOutcome inProgress() {
        return new IdempotencyOutcome(Status.IN_PROGRESS, Optional.empty());
    }
}
