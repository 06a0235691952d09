package org.chatapp.redis;

import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Refuses blocking calls made on a Netty event loop, such as in a callback of an async call
 * (async results complete on the event loop that read the reply). Such a call would wait for the
 * very thread that has to send its command and read the reply: it would time out, stall every
 * other command on that loop meanwhile, and still run after its caller was told it failed.
 *
 * <p>Cost: one thread-local read per blocking call. It reads the executor Netty records for each of
 * its threads ({@code ThreadExecutorMap}, public though in an internal package; Netty's own
 * executors use it, and the contract tests fail should it ever stop telling).
 */
final class EventLoopGuard {

    private EventLoopGuard() {
    }

    /**
     * Returns normally off an event loop.
     *
     * @throws IllegalStateException on an event-loop thread, naming the call and the way out
     */
    static void requireBlockingAllowed(String operation, String key) {
        if (ThreadExecutorMap.currentExecutor() instanceof EventLoop) {
            throw new IllegalStateException(operation + (key == null ? "" : " '" + key + "'")
                    + " is a blocking call on the event-loop thread " + Thread.currentThread().getName()
                    + ", which would wait for that same thread to send the command and read the reply."
                    + " In a callback of an async call, use the async methods (thenCompose(v -> redis.setAsync(...)))"
                    + " or continue on an executor of your own (thenApplyAsync(..., executor)).");
        }
    }
}
