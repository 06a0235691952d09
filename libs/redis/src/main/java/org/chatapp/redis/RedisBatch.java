package org.chatapp.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Commands queued and then sent together: one socket write per node for up to {@value #CHUNK}
 * commands, written from the connection's own thread, so a batch pays neither a future, a timer,
 * nor a hand-off between threads per command. Made by {@link RedisService#batch()}; each queuing
 * method returns the command's {@link BatchResult}, filled in when the batch has run.
 *
 * <p><b>Not a transaction.</b> Other clients' commands may run between a batch's commands, and a
 * command that fails does not undo or stop the others: each gets its own value or its own error
 * (such as {@code WRONGTYPE}), in its own result. For atomic changes to keys of one slot use a
 * script ({@link #script}, {@link RedisService#scripts()}).
 *
 * <p><b>Order and routing.</b> Keys get the service's prefix, as everywhere. On a single node the
 * commands run in the order queued. On a cluster each command goes to the master of its key's
 * slot, so commands on one slot run in the order queued and the nodes work in parallel; results
 * stay in the caller's order whatever order replies arrive in. A command whose slot moved is
 * redirected like any other ({@code MOVED}, {@code ASK}). On a cluster a batch reads from masters,
 * also when the service reads from replicas, so it sees its own writes; with sentinel it goes where
 * Lettuce's master/replica routing sends it (the master when it holds a write). Commands on keys of
 * different slots may share a batch; a single command's keys must share a slot on a cluster, as
 * Redis requires.
 *
 * <p><b>Size.</b> A batch of any size may be queued. It is sent in chunks of {@value #CHUNK}
 * commands per node, with at most {@value #CHUNKS_IN_FLIGHT} chunks per node awaiting replies
 * (one where a chunk goes through Lettuce's own routing, as with sentinel), so neither the client
 * nor the server buffers more than that however large the batch; each chunk has the command
 * timeout as its one deadline (one timer per chunk, none per command). {@link #execute()} parks
 * at once rather than spinning like a single blocking call: a batch's replies take longer.
 *
 * <p><b>Delivery and failover.</b> As for single commands: a write is sent at most once. When the
 * connection is lost after a write was sent, its result is {@link RedisOutcomeUnknownException},
 * and it is never sent again; commands that were not sent yet fail with {@link
 * RedisConnectionFailureException}, or wait for the reconnect while the service holds fewer than
 * {@link RedisOptions#requestQueueSize()} commands for it; reads are sent again after a reconnect.
 * Between a master's failure and its replica's promotion, a command for one of its slots (none
 * served in the client's slot map) fails at once with {@link RedisConnectionFailureException}, not
 * sent; the batch's other commands go on. A chunk without replies by its deadline gives its
 * unanswered commands {@link RedisTimeoutException}. No command is lost silently or applied twice
 * by a retry the caller did not ask for.
 *
 * <p>Not thread-safe while queuing: one thread builds a batch; {@link #execute()} or {@link
 * #executeAsync()} sends it once. The results may be read from any thread once it has run.
 */
public interface RedisBatch {

    /** Commands written to a node in one write. */
    int CHUNK = 1024;

    /** Chunks per node written and not yet fully answered. */
    int CHUNKS_IN_FLIGHT = 2;

    // --- strings, keys, counters ---

    /** Queues GET; the value, empty when the key does not exist. */
    BatchResult<Optional<String>> get(String key);

    /** Queues GET of a binary value. */
    BatchResult<Optional<byte[]>> getBytes(String key);

    /** Queues SET without expiry. */
    BatchResult<Void> set(String key, String value);

    /** Queues SET with a time to live. @throws IllegalArgumentException when ttl is below 1 ms */
    BatchResult<Void> set(String key, String value, Duration ttl);

    /** Queues SET of a binary value without expiry. */
    BatchResult<Void> set(String key, byte[] value);

    /** Queues SET of a binary value with a time to live. */
    BatchResult<Void> set(String key, byte[] value, Duration ttl);

    /** Queues SET under a condition (NX/XX) and expiry; the result says whether it was written. */
    BatchResult<Boolean> set(String key, String value, SetOptions options);

    /** Queues DEL of one key; the result is 1 when it existed, else 0. */
    BatchResult<Long> del(String key);

    /** Queues UNLINK of one key; the result is 1 when it existed, else 0. */
    BatchResult<Long> unlink(String key);

    /** Queues EXISTS of one key. */
    BatchResult<Boolean> exists(String key);

    /** Queues PEXPIRE; false when the key does not exist. */
    BatchResult<Boolean> expire(String key, Duration ttl);

    /** Queues PTTL; empty when the key does not exist or does not expire. */
    BatchResult<Optional<Duration>> ttl(String key);

    /** Queues INCR. */
    BatchResult<Long> incr(String key);

    /** Queues INCRBY. */
    BatchResult<Long> incrBy(String key, long delta);

    /** Queues DECR. */
    BatchResult<Long> decr(String key);

    /** Queues DECRBY. */
    BatchResult<Long> decrBy(String key, long delta);

    /**
     * Queues a script run: EVALSHA, and EVAL in its place when the server does not know the script
     * ({@code NOSCRIPT}), as {@link ScriptOperations#run} does.
     *
     * @throws IllegalArgumentException when the keys are in several slots on a cluster
     */
    <T> BatchResult<T> script(RedisScript<T> script, List<String> keys, List<String> args);

    /** Returns the hash commands of this batch. */
    Hashes hashes();

    /** Returns the list commands of this batch. */
    Lists lists();

    /** Returns the set commands of this batch. */
    Sets sets();

    /** Returns the sorted set commands of this batch. */
    SortedSets sortedSets();

    /** Returns the stream commands of this batch. */
    Streams streams();

    // --- running ---

    /** Returns the number of commands queued. */
    int size();

    /**
     * Sends the batch and waits until every command has its outcome, which the results then hold.
     * Does not throw for a failed command: its result does. An empty batch returns at once.
     *
     * @throws IllegalStateException when the batch was already sent, or on an event-loop thread
     *         (use {@link #executeAsync()} there)
     */
    void execute();

    /**
     * Sends the batch without blocking; the stage completes, normally, once every command has its
     * outcome. An empty batch completes at once.
     *
     * @throws IllegalStateException when the batch was already sent
     */
    CompletionStage<Void> executeAsync();

    /** Hash commands of a batch; as in {@link HashOperations}. */
    interface Hashes {

        /** Queues HSET of one field; true when the field is new. */
        BatchResult<Boolean> set(String key, String field, String value);

        /** Queues HSET of several fields; the number of new fields. */
        BatchResult<Long> set(String key, Map<String, String> fields);

        /** Queues HGET. */
        BatchResult<Optional<String>> get(String key, String field);

        /** Queues HMGET; the fields that exist, in the order asked. */
        BatchResult<Map<String, String>> get(String key, String... fields);

        /** Queues HGETALL. */
        BatchResult<Map<String, String>> getAll(String key);

        /** Queues HDEL; the number of fields removed. */
        BatchResult<Long> delete(String key, String... fields);

        /** Queues HEXISTS. */
        BatchResult<Boolean> exists(String key, String field);

        /** Queues HINCRBY; the new value. */
        BatchResult<Long> increment(String key, String field, long delta);

        /** Queues HLEN. */
        BatchResult<Long> size(String key);
    }

    /** List commands of a batch; as in {@link ListOperations}. */
    interface Lists {

        /** Queues LPUSH; the list's new length. */
        BatchResult<Long> pushFirst(String key, String... values);

        /** Queues RPUSH; the list's new length. */
        BatchResult<Long> pushLast(String key, String... values);

        /** Queues LRANGE. */
        BatchResult<List<String>> range(String key, long start, long stop);

        /** Queues LTRIM. */
        BatchResult<Void> trim(String key, long start, long stop);

        /** Queues LLEN. */
        BatchResult<Long> size(String key);
    }

    /** Set commands of a batch; as in {@link SetOperations}. */
    interface Sets {

        /** Queues SADD; the number of members added. */
        BatchResult<Long> add(String key, String... members);

        /** Queues SREM; the number of members removed. */
        BatchResult<Long> remove(String key, String... members);

        /** Queues SMEMBERS. */
        BatchResult<Set<String>> members(String key);

        /** Queues SISMEMBER. */
        BatchResult<Boolean> contains(String key, String member);

        /** Queues SCARD. */
        BatchResult<Long> size(String key);
    }

    /** Sorted set commands of a batch; as in {@link SortedSetOperations}. */
    interface SortedSets {

        /** Queues ZADD of one member; true when it is new. */
        BatchResult<Boolean> add(String key, double score, String member);

        /** Queues ZINCRBY; the new score. */
        BatchResult<Double> incrementScore(String key, String member, double delta);

        /** Queues ZREM; the number of members removed. */
        BatchResult<Long> remove(String key, String... members);

        /** Queues ZSCORE. */
        BatchResult<Optional<Double>> score(String key, String member);

        /** Queues ZRANGE ... WITHSCORES, lowest first. */
        BatchResult<List<SortedSetOperations.ScoredMember>> range(String key, long start, long stop);

        /** Queues ZREVRANGE ... WITHSCORES, highest first. */
        BatchResult<List<SortedSetOperations.ScoredMember>> reverseRange(String key, long start, long stop);

        /** Queues ZCARD. */
        BatchResult<Long> size(String key);
    }

    /** Stream commands of a batch; as in {@link StreamOperations}. */
    interface Streams {

        /** Queues XADD with an id chosen by Redis; the id. */
        BatchResult<String> add(String key, Map<String, String> fields);

        /** Queues XADD trimming to about {@code maxLength} entries; the id. */
        BatchResult<String> add(String key, Map<String, String> fields, long maxLength);

        /** Queues XLEN. */
        BatchResult<Long> size(String key);
    }
}
