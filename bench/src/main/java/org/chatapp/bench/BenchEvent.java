package org.chatapp.bench;

/**
 * What the pub/sub cases publish, as JSON through each peer's own Jackson 3 codec: the run it
 * belongs to (a late event of an earlier run is not counted in the next), when it was published,
 * and a text of {@link BenchMain#VALUE_BYTES} characters, the size of a short chat message.
 *
 * @param run the run that published it; {@link #PROBE} for the events that check a subscription is in place
 * @param sentNanos {@link System#nanoTime()} just before the publish call: publisher and subscriber
 *        share the JVM, so the handler's time minus this is the publish-to-handler latency
 * @param text the payload
 */
record BenchEvent(long run, long sentNanos, String text) {

    /** The run number of the events that check a subscription is in place before any run. */
    static final long PROBE = -1;

    static final String TEXT = "m".repeat(BenchMain.VALUE_BYTES);
}
