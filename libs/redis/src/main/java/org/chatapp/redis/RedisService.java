package org.chatapp.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Redis for chat services: the seed's operations and more, on one shared connection, with the key
 * prefix applied to every key read or written. Works the same on a single node, a cluster and a
 * sentinel setup; multi-key operations work across cluster slots.
 *
 * <p>Hashes, lists, sets, sorted sets and streams have views of their own ({@link #hashes()} and
 * so on). Every operation throws a {@link RedisServiceException} (naming the operation and key)
 * when Redis fails, whose type says what a retry would do: {@link RedisConnectionFailureException}
 * (not sent), {@link RedisUnavailableException} (refused for now), {@link
 * RedisOutcomeUnknownException} (sent, no reply; {@link RedisTimeoutException} after the command
 * timeout) or {@link RedisCommandException} (refused for good); and {@link IllegalArgumentException}
 * for bad arguments. Thread-safe.
 *
 * <p>Delivery: a write is sent at most once. When its connection is lost after it was sent, it
 * fails with {@link RedisOutcomeUnknownException} and is never replayed; when it was not sent
 * yet, it waits for the reconnect (bounded by {@link RedisOptions#requestQueueSize()} and the
 * command timeout). Reads are sent again after a reconnect. A command on one key, or on keys
 * sharing a hash tag, is atomic; multi-key operations over several cluster slots ({@link
 * #mset(Map)}, {@link #del(String...)}, {@link #exists(String...)}) run one command per slot and
 * are not atomic: a write that fails for some slots throws {@link RedisPartialWriteException},
 * naming the keys written, not written and of unknown outcome. Blocking methods throw {@link IllegalStateException} on an event-loop thread,
 * such as in a callback of an async call; use the async methods there.
 */
public interface RedisService extends AutoCloseable {

    /**
     * Creates a service for the options' topology. Does not fail when Redis is unreachable: the
     * first connection is retried on use, following the reconnect policy.
     */
    static RedisService create(RedisOptions options) {
        return create(RedisClientProvider.createRedisClient(options));
    }

    /**
     * Creates a service on a client made by {@link RedisClientProvider}; the service owns the
     * client from then on and closes it with itself.
     */
    static RedisService create(LettuceClient client) {
        return DefaultRedisService.create(client);
    }

    /** Stores a string value without expiry, replacing any value and TTL. */
    void set(String key, String value);

    /**
     * Stores a string value that expires after {@code ttl}.
     *
     * @throws IllegalArgumentException when ttl is null, zero, negative or below one millisecond
     */
    void set(String key, String value, Duration ttl);

    /** Stores a binary value without expiry. */
    void set(String key, byte[] value);

    /**
     * Stores a binary value that expires after {@code ttl}.
     *
     * @throws IllegalArgumentException when ttl is below one millisecond
     */
    void set(String key, byte[] value, Duration ttl);

    /** Stores a value under a condition (NX/XX) and expiry; returns whether it was written. */
    boolean set(String key, String value, SetOptions options);

    /**
     * Stores a value like {@link #set(String, String, SetOptions)} and returns the value it replaced
     * (SET ... GET); empty when the key did not exist.
     */
    Optional<String> setAndGet(String key, String value, SetOptions options);

    /** Stores a value only when the key does not exist yet; returns whether it was written. */
    boolean setIfAbsent(String key, String value, Duration ttl);

    /** Returns the string value of a key, empty when the key does not exist. */
    Optional<String> get(String key);

    /** Returns the binary value of a key, empty when the key does not exist. */
    Optional<byte[]> getBytes(String key);

    /** Deletes keys, in any slots; returns how many existed. */
    long del(String... keys);

    /** Deletes keys, in any slots; returns how many existed. */
    long del(Collection<String> keys);

    /** Deletes keys, freeing their memory in the background; returns how many existed. */
    long unlink(String... keys);

    /** Returns how many of the keys exist (a key named twice counts twice). */
    long exists(String... keys);

    /** Returns the string values of the keys that exist, in the order asked, from any slots. */
    Map<String, String> mget(String... keys);

    /** Returns the string values of the keys that exist, in the order asked, from any slots. */
    Map<String, String> mget(Collection<String> keys);

    /** Stores several string values without expiry, in any slots. */
    void mset(Map<String, String> values);

    /** Sets a key's time to live; returns false when the key does not exist. */
    boolean expire(String key, Duration ttl);

    /** Removes a key's time to live; returns false when the key does not exist or had none. */
    boolean persist(String key);

    /** Returns a key's remaining time to live; empty when the key does not exist or does not expire. */
    Optional<Duration> ttl(String key);

    /** Adds one to an integer value (a missing key counts as 0) and returns the result. */
    long incr(String key);

    /** Adds {@code delta} to an integer value and returns the result. */
    long incrBy(String key, long delta);

    /** Subtracts one from an integer value and returns the result. */
    long decr(String key);

    /** Subtracts {@code delta} from an integer value and returns the result. */
    long decrBy(String key, long delta);

    /**
     * Returns the keys under this service's prefix that match a glob pattern, without the prefix,
     * iterated lazily with SCAN (on every master of a cluster, one after the other), never KEYS.
     * Close the stream if it is not read to the end. A key may appear twice if the keyspace changes
     * while iterating. In a cluster the scan covers every slot or fails while it is read with
     * {@link RedisScanIncompleteException}, naming the slots it could not cover (no reachable
     * master, a master failing midway, slots moving meanwhile); it never skips a master silently.
     * With replica reads in a sentinel setup it runs on the master, over a connection of its own
     * that closing the stream closes.
     *
     * @param pattern a glob pattern such as {@code user:*}; the prefix is added by the service
     */
    Stream<String> scan(String pattern);

    /** Returns the value of a key without blocking; empty when it does not exist. */
    CompletionStage<Optional<String>> getAsync(String key);

    /** Stores a string value without expiry, without blocking. */
    CompletionStage<Void> setAsync(String key, String value);

    /** Stores a string value that expires after {@code ttl}, without blocking. */
    CompletionStage<Void> setAsync(String key, String value, Duration ttl);

    /** Deletes keys without blocking; completes with how many existed. */
    CompletionStage<Long> delAsync(String... keys);

    /** Returns the string values of the keys that exist, without blocking. */
    CompletionStage<Map<String, String>> mgetAsync(String... keys);

    /**
     * Starts a batch: commands of this service and its views queued, then sent together with one
     * write per node, each with a result of its own; not a transaction (see {@link RedisBatch}).
     */
    RedisBatch batch();

    /** Returns the operations on hashes. */
    HashOperations hashes();

    /** Returns the operations on lists. */
    ListOperations lists();

    /** Returns the operations on sets. */
    SetOperations sets();

    /** Returns the operations on sorted sets. */
    SortedSetOperations sortedSets();

    /** Returns the operations on streams. */
    StreamOperations streams();

    /** Returns the Lua script runner on the service's connection. */
    ScriptOperations scripts();

    /** Returns the service's key rule: raw keys, the prefix, slots. */
    RedisKeys keys();

    /** Returns the factory of connections of their own (pub/sub, blocking reads), closed with the service. */
    RedisConnections connections();

    /** Returns the clock of wall time the service and the features built on it read ({@link RedisOptions#clock()}). */
    java.time.Clock clock();

    /**
     * Registers a listener for the client's connection and topology events; it stays registered
     * until removed or until the service closes.
     *
     * @throws IllegalArgumentException when the listener is null
     */
    void addListener(RedisClientListener listener);

    /** Removes a listener; removing one that is not registered does nothing. */
    void removeListener(RedisClientListener listener);

    /** Sends PING and returns the round-trip time. */
    Duration ping();

    /**
     * Returns the synchronous Lettuce API of the running topology, with raw keys (no prefix): a
     * {@link io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands} in cluster mode, otherwise a
     * {@link io.lettuce.core.api.sync.RedisCommands}. Its connection, with a string codec and
     * separate from the one the service's own operations use, is opened on first call (waiting up
     * to the connect timeout plus a second) and closed with the service.
     *
     * <p>That connection is shared: every caller of this method on this service gets the same one,
     * so whatever changes its state or holds it affects them all. Safe: single commands, and
     * pipelines of independent commands sent through {@code getStatefulConnection().async()} with
     * auto-flush left on. Not safe: {@code MULTI}/{@code EXEC} and {@code WATCH} (other callers'
     * commands join the transaction or break the watch), {@code SELECT}, {@code CLIENT REPLY},
     * {@code AUTH}/{@code HELLO}, changing its timeout or auto-flush, closing it, and blocking
     * commands ({@code BLPOP}, {@code BRPOP}, {@code BLMOVE}, {@code XREAD}/{@code XREADGROUP} with
     * {@code BLOCK}, {@code WAIT}), which hold up every command queued behind them. For those, and
     * for pub/sub ({@code SUBSCRIBE}), use a connection of your own and close it when done:
     * {@code lettuceClient().connect(codec)}, or {@code lettuceClient().unwrap()} for what that does
     * not offer (such as {@code connectPubSub}).
     *
     * @throws RedisConnectionFailureException when the connection is not open yet and does not open
     *         in that time
     */
    RedisClusterCommands<String, String> getClient();

    /** Returns the topology of this service. */
    RedisMode mode();

    /** Returns the prefix put before every key; empty for none. */
    String keyPrefix();

    /** Returns the Lettuce client behind this service, for health checks and advanced use. */
    LettuceClient lettuceClient();

    /**
     * Closes the connections and stops every thread the service started, within {@link #CLOSE_BOUND}
     * even while a connection attempt hangs (what is still closing then is left to finish in the
     * background); calling it again does nothing. Commands in flight fail: those sent with {@link
     * RedisOutcomeUnknownException}, those not sent with {@link RedisConnectionFailureException}.
     */
    @Override
    void close();

    /** The longest {@link #close()} takes. */
    Duration CLOSE_BOUND = Duration.ofSeconds(5);
}
