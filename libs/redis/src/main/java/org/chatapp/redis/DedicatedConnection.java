package org.chatapp.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chatapp.redis.StreamOperations.StreamEntry;

/**
 * Runs blocking commands ({@code XREADGROUP ... BLOCK}, {@code BLPOP}, {@code BRPOP}) on a
 * connection of its own, so that waiting for data never holds up the service's shared connection.
 * Keys get the service's prefix; failures are {@link RedisServiceException}s naming the operation
 * and the caller's key, as everywhere in the service.
 *
 * <p>Opened on first use with the service's credentials, TLS, client name, read-from and reconnect
 * policy, in every topology (in a cluster it follows the slot map like the service). While it cannot
 * be opened, calls fail with {@link RedisConnectionFailureException} and a later call tries again,
 * as the reconnect policy allows; once open, Lettuce reconnects it after an outage.
 *
 * <p>Block time: one command blocks at most {@link #maxBlockPerCommand()} (half the service's command
 * timeout), so its reply is due well before the timeout expires it. A longer wait is several
 * commands in a row, each sent when the one before came back empty; the caller sees one call.
 *
 * <p>Delivery: {@code XREADGROUP} and the pops change data (they move entries into a pending list
 * or remove elements), so like every write they are sent at most once. When the connection drops
 * after one was sent, the call fails with {@link RedisOutcomeUnknownException}: entries it may have
 * delivered stay in the consumer's pending list (read them back with id {@code 0}); an element it
 * may have popped is lost. Calls take turns: one command at a time on the connection, so a command
 * never waits behind another's block time. Thread-safe; close it when done (the service's close
 * closes it too). Blocking calls throw {@link IllegalStateException} on an event-loop thread.
 */
public interface DedicatedConnection extends AutoCloseable {

    /**
     * Reads up to {@code count} entries of a stream for a consumer of a group ({@code XREADGROUP}).
     * With id {@code >} it returns entries never delivered to the group, waiting up to {@code
     * block} for some to arrive ({@link Duration#ZERO} returns at once), and records them as pending
     * for the consumer. With any other id it returns the consumer's own pending entries after that
     * id ({@code 0} for all) at once; an entry deleted from the stream since (trimmed) comes back
     * with no fields.
     *
     * @return the entries, empty when none arrived within the block time
     * @throws IllegalArgumentException when the key, group, consumer or id is null or empty, count is
     *         below 1, or block is null or negative
     * @throws RedisCommandException with error code {@code NOGROUP} when the group or stream does not exist
     */
    List<StreamEntry> readGroup(String key, String group, String consumer, String id, int count, Duration block);

    /**
     * Removes and returns the first element of a list, waiting up to {@code timeout} for one
     * ({@code BLPOP}).
     *
     * @return the element, empty when none arrived in time
     * @throws IllegalArgumentException when the key is null or empty, or timeout is null or below one millisecond
     */
    Optional<String> popFirst(String key, Duration timeout);

    /**
     * Removes and returns the last element of a list, waiting up to {@code timeout} for one
     * ({@code BRPOP}).
     *
     * @return the element, empty when none arrived in time
     * @throws IllegalArgumentException when the key is null or empty, or timeout is null or below one millisecond
     */
    Optional<String> popLast(String key, Duration timeout);

    /** Returns the longest one command blocks on the server: half the service's command timeout. */
    Duration maxBlockPerCommand();

    /** Returns whether {@link #close()} was called (on this connection or on the service). */
    boolean isClosed();

    /**
     * Closes the connection; calling it again does nothing. A command in flight fails (a read that
     * was sent leaves what it delivered pending for its consumer); later calls throw {@link IllegalStateException}.
     */
    @Override
    void close();
}
