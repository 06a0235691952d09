package org.chatapp.apps.chat.message;

/** A message's Redis side failed part way: which steps were done before the failure, which is the cause. */
final class PublishFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int doneSteps;

    PublishFailure(int doneSteps, Throwable cause) {
        super("publishing failed after steps " + doneSteps + ": " + cause, cause);
        this.doneSteps = doneSteps;
    }

    /** Returns the {@link MessageEvents} steps done, the earlier attempts' included. */
    int doneSteps() {
        return doneSteps;
    }
}
