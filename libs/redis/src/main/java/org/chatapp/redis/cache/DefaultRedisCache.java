package org.chatapp.redis.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.SetOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named cache: entries are strings ({@link StoredEntry}) under {@link CacheKeys}; a miss takes the
 * key's lease ({@code SET NX PX} with a random token) in the same script that looks for the value, so
 * a value that landed meanwhile is seen instead; the lease holder stores the value and releases the
 * lease in one script that only stores while the lease is still its own (an evict or a put in
 * between deletes the lease, so a load that began before them never writes its older value over
 * theirs), and announces the value on the cache's channel when anyone registered as a waiter.
 */
final class DefaultRedisCache<V> implements RedisCache<V> {

    /** -ln of the smallest positive double, the largest value XFetch's -ln(draw) takes. */
    private static final double LARGEST_NEGATIVE_LOG = -Math.log(Double.MIN_VALUE);
    /**
     * A near entry ends this many times {@code delta * beta} before its expiry. XFetch refreshes
     * earlier only for a draw below {@code e^-20} (two in a billion reads), so reads served in
     * process before then would almost never have refreshed; after it they go to Redis and draw.
     */
    static final double NEAR_REFRESH_WINDOW = 20;

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisCache.class);

    /** Messages on the cache's channel: a value landed or a lease was released, one key or many evicted, all cleared. */
    static final char LANDED = 'l';
    static final char EVICTED = 'e';
    static final char EVICTED_MANY = 'E';
    static final char CLEARED = 'c';

    private static final int CLEAR_BATCH = 500;
    /** How long the waiters' count outlives the lease, so a release still finds it. */
    private static final long WAITERS_SLACK_MILLIS = 1000;

    /**
     * KEYS: entry, lease, waiters. ARGV: token, lease ms, waiters' slack ms, the earliest expiry still
     * served. Returns {'v', entry} when a servable entry is there, {'l'} when the lease was taken,
     * {'w', lease pttl} when another load holds it (and counts this caller as a waiter).
     */
    private static final RedisScript<List<Object>> ACQUIRE = RedisScript.returningList("""
            local v = redis.call('GET', KEYS[1])
            if v then
              local e = tonumber(string.match(v, '^1|(%d+)|'))
              if e and e > tonumber(ARGV[4]) then
                return {'v', v}
              end
            end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {'l'}
            end
            local t = redis.call('PTTL', KEYS[2])
            redis.call('INCR', KEYS[3])
            redis.call('PEXPIRE', KEYS[3], math.max(t, 0) + tonumber(ARGV[3]))
            return {'w', t}""");

    /**
     * KEYS: entry, lease, waiters. ARGV: token, entry ('' for none), entry pttl, channel, message.
     * Stores only while the lease is the caller's; wakes the waiters either way. Returns 1 when it
     * was the caller's.
     */
    private static final RedisScript<Long> STORE_AND_RELEASE = RedisScript.returningLong("""
            local mine = redis.call('GET', KEYS[2]) == ARGV[1]
            if mine then
              if ARGV[2] ~= '' then
                redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              end
              redis.call('DEL', KEYS[2])
            end
            if redis.call('DEL', KEYS[3]) == 1 then
              redis.call('PUBLISH', ARGV[4], ARGV[5])
            end
            if mine then
              return 1
            end
            return 0""");

    /**
     * KEYS: entry, lease, waiters. ARGV: entry, entry pttl, channel, message, '1' to announce even
     * without waiters (for near caches). Stores, cancels a load under way, wakes its waiters.
     */
    private static final RedisScript<Long> PUT = RedisScript.returningLong("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            if redis.call('DEL', KEYS[3]) == 1 or ARGV[5] == '1' then
              redis.call('PUBLISH', ARGV[3], ARGV[4])
            end
            return 1""");

    /** KEYS: entry, lease, waiters. ARGV: channel, message. Returns how many entries were removed (0 or 1). */
    private static final RedisScript<Long> EVICT = RedisScript.returningLong("""
            local n = redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return n""");

    /** KEYS: tag set. ARGV: key, entry pttl. Adds the key; the set lives at least as long as the entry. */
    private static final RedisScript<Long> ADD_TAG = RedisScript.returningLong("""
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1""");

    /** KEYS: tag set. Returns its keys and deletes it, in one step, so a key tagged right after is kept for the next invalidation. */
    private static final RedisScript<List<Object>> TAKE_TAG = RedisScript.returningList("""
            local m = redis.call('SMEMBERS', KEYS[1])
            redis.call('DEL', KEYS[1])
            return m""");

    private final DefaultRedisCaches owner;
    private final RedisService redis;
    private final CacheKeys keys;
    private final CacheOptions<V> options;
    private final Clock clock;
    private final Executor refreshExecutor;
    private final String rawChannel;
    private final CacheCounters counters = new CacheCounters();
    /** Loads under way in this process, one per key (single flight). */
    private final Map<String, CompletableFuture<Optional<V>>> flights = new ConcurrentHashMap<>();
    /** Wake-ups of the one caller per key in this process that waits for another instance's load. */
    private final Map<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();
    /** Keys refreshed in the background right now, so one draw of XFetch does not start a second. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /** The in-process near cache, or null. */
    private final NearCache<V> near;
    /** Server-assisted invalidation of the near cache, or null (no near cache, or tracking unavailable: announcements only). */
    private volatile TrackedInvalidations tracking;

    DefaultRedisCache(DefaultRedisCaches owner, RedisService redis, String name, CacheOptions<V> options, Executor refreshExecutor) {
        this.owner = owner;
        this.redis = redis;
        this.keys = new CacheKeys(name);
        this.options = options;
        this.clock = redis.clock();
        this.refreshExecutor = refreshExecutor;
        this.rawChannel = redis.keys().raw(keys.channel());
        this.near = options.nearCache() == null ? null : new NearCache<>(options.nearCache(), clock);
    }

    CacheKeys keys() {
        return keys;
    }

    @Override
    public String name() {
        return keys.name();
    }

    @Override
    public CacheOptions<V> options() {
        return options;
    }

    // --- reads ---

    @Override
    public Optional<V> get(String key) {
        return lookup(key).asOptional();
    }

    @Override
    public CacheLookup<V> lookup(String key) {
        CacheKeys.validKey(key);
        owner.checkOpen();
        NearCache.Entry<V> nearEntry = nearHit(key);
        if (nearEntry != null) {
            return new CacheLookup<>(true, nearEntry.value());
        }
        long generation = near == null ? 0 : near.generation();
        StoredEntry entry;
        try {
            entry = read(key);
        } catch (RedisServiceException e) {
            if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
                throw e;
            }
            redisFailed("reading", key, e);
            return CacheLookup.miss();
        }
        long now = clock.millis();
        Decoded<V> decoded = entry == null || !servable(entry, now) ? null : decode(key, entry);
        if (decoded == null) {
            counters.misses.increment();
            return CacheLookup.miss();
        }
        counters.hits.increment();
        if (now >= entry.expiresAt()) {
            counters.staleHits.increment();
        } else {
            keepNear(key, entry, decoded, generation);
        }
        return new CacheLookup<>(true, decoded.value);
    }

    @Override
    public Optional<V> get(String key, CacheLoader<V> loader) {
        CacheKeys.validKey(key);
        if (loader == null) {
            throw new IllegalArgumentException("loader must not be null");
        }
        owner.checkOpen();
        // A near hit must cost little beyond Caffeine's lookup: a counter, for most entries no clock
        // read (see NearCache), and no XFetch draw (an entry leaves the near cache before a refresh
        // can be due). Kept small so that it inlines into the caller and a hit's Optional is never allocated.
        NearCache.Entry<V> nearEntry = nearHit(key);
        if (nearEntry != null) {
            return Optional.ofNullable(nearEntry.value());
        }
        return readThrough(key, loader);
    }

    /** A read that the near cache could not answer: Redis, then the loader on a miss. */
    private Optional<V> readThrough(String key, CacheLoader<V> loader) {
        long generation = near == null ? 0 : near.generation();
        StoredEntry entry;
        try {
            entry = read(key);
        } catch (RedisServiceException e) {
            if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
                throw e;
            }
            redisFailed("reading", key, e);
            return singleFlight(key, () -> loadWithoutRedis(key, loader));
        }
        long now = clock.millis();
        if (entry != null && servable(entry, now)) {
            Decoded<V> decoded = decode(key, entry);
            if (decoded != null) {
                counters.hits.increment();
                if (now >= entry.expiresAt()) {
                    counters.staleHits.increment();
                    refreshInBackground(key, loader);
                } else {
                    keepNear(key, entry, decoded, generation);
                    if (refreshEarly(entry, now)) {
                        refreshInBackground(key, loader);
                    }
                }
                return Optional.ofNullable(decoded.value);
            }
        }
        counters.misses.increment();
        return singleFlight(key, () -> loadAcrossInstances(key, loader, generation));
    }

    @Override
    public Map<String, V> getAll(Collection<String> keyList, BulkLoader<V> bulkLoader) {
        if (keyList == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        if (bulkLoader == null) {
            throw new IllegalArgumentException("bulkLoader must not be null");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String key : keyList) {
            wanted.add(CacheKeys.validKey(key));
        }
        owner.checkOpen();
        Map<String, V> result = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return result;
        }
        Map<String, String> found;
        try {
            found = redis.mget(wanted.stream().map(keys::entry).toList());
        } catch (RedisServiceException e) {
            if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
                throw e;
            }
            redisFailed("reading", wanted.iterator().next(), e);
            found = Map.of();
        }
        long now = clock.millis();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : wanted) {
            String text = found.get(keys.entry(key));
            StoredEntry entry = text == null ? null : parse(key, text);
            Decoded<V> decoded = entry == null || !servable(entry, now) ? null : decode(key, entry);
            if (decoded == null) {
                missing.add(key);
                continue;
            }
            counters.hits.increment();
            if (decoded.value != null) {
                result.put(key, decoded.value);
            }
            if (now >= entry.expiresAt() || refreshEarly(entry, now)) {
                if (now >= entry.expiresAt()) {
                    counters.staleHits.increment();
                }
                refreshInBackground(key, one -> bulkLoader.loadAll(Set.of(one)).get(one));
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        counters.misses.add(missing.size());
        long start = clock.millis();
        Map<String, V> loaded;
        try {
            loaded = bulkLoader.loadAll(Collections.unmodifiableSet(missing));
        } catch (Throwable t) {
            counters.loadFailures.increment();
            throw loadFailure(missing.iterator().next(), t);
        }
        long delta = Math.max(0, clock.millis() - start);
        counters.loads.increment();
        counters.loadMillis.add(delta);
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (String key : missing) {
            V value = loaded == null ? null : loaded.get(key);
            if (value != null) {
                result.put(key, value);
            }
            Encoded entry = encodeEntry(key, value, delta, clock.millis());
            if (entry == null) {
                continue;
            }
            try {
                addTags(key, value, entry);
                writes.add(redis.scripts().runAsync(PUT, entryKeys(key), List.of(entry.text(),
                        entry.pttl(), rawChannel, LANDED + key, announcePuts())).toCompletableFuture());
            } catch (RedisServiceException e) {
                writeFailed(key, e);
            }
        }
        for (int i = 0; i < writes.size(); i++) {
            try {
                writes.get(i).join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
                    throw cause;
                }
                counters.errors.increment();
                log.warn("Caching a bulk-loaded value of cache '{}' failed: {}", name(), cause.toString());
            }
        }
        return result;
    }

    // --- writes and invalidation ---

    @Override
    public void put(String key, V value) {
        CacheKeys.validKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; evict the key to remove it");
        }
        owner.checkOpen();
        Encoded entry = encodeEntry(key, value, 0, clock.millis());
        if (entry == null) {
            throw new IllegalArgumentException("the value of key '" + key + "' of cache '" + name() + "' encodes to more than "
                    + options.maxValueBytes() + " bytes (maxValueBytes)");
        }
        forgetNear(key);
        try {
            addTags(key, value, entry);
            writeEntry(key, entry);
        } catch (RedisServiceException e) {
            writeFailed(key, e);
        } finally {
            forgetNear(key);
        }
    }

    @Override
    public void putAbsent(String key) {
        CacheKeys.validKey(key);
        owner.checkOpen();
        Encoded entry = encodeEntry(key, null, 0, clock.millis());
        if (entry == null) {
            // No negative caching: an older value must not outlive the news that there is none.
            evict(key);
            return;
        }
        forgetNear(key);
        try {
            writeEntry(key, entry);
        } catch (RedisServiceException e) {
            writeFailed(key, e);
        } finally {
            forgetNear(key);
        }
    }

    @Override
    public void putThrough(String key, V value, StoreWriter<V> writer) {
        CacheKeys.validKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; evict the key to remove it");
        }
        if (writer == null) {
            throw new IllegalArgumentException("writer must not be null");
        }
        owner.checkOpen();
        try {
            writer.write(key, value);
        } catch (Throwable t) {
            throw loadFailure(key, t);
        }
        Encoded entry = encodeEntry(key, value, 0, clock.millis());
        forgetNear(key);
        try {
            if (entry == null) {
                // The store has the new value and the cache cannot hold it: the old one must go.
                evict(key);
                return;
            }
            addTags(key, value, entry);
            writeEntry(key, entry);
        } catch (RedisServiceException e) {
            writeFailed(key, e);
        } finally {
            forgetNear(key);
        }
    }

    @Override
    public boolean evict(String key) {
        CacheKeys.validKey(key);
        owner.checkOpen();
        forgetNear(key);
        long removed = redis.scripts().run(EVICT, entryKeys(key), List.of(rawChannel, EVICTED + key));
        counters.evictions.add(removed);
        forget(key);
        return removed > 0;
    }

    @Override
    public long evictTag(String tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag must not be null");
        }
        owner.checkOpen();
        List<Object> members = redis.scripts().run(TAKE_TAG, List.of(keys.tag(tag)), List.of());
        if (members.isEmpty()) {
            return 0;
        }
        List<String> tagged = members.stream().map(Object::toString).toList();
        long removed = redis.unlink(tagged.stream().map(keys::entry).toArray(String[]::new));
        // Loads under way began before the invalidation: their leases go, so their values are not stored.
        redis.unlink(tagged.stream().map(keys::lease).toArray(String[]::new));
        counters.evictions.add(removed);
        tagged.forEach(this::forget);
        owner.publish(keys.channel(), manyKeysMessage(tagged));
        return removed;
    }

    @Override
    public long clear() {
        owner.checkOpen();
        long removed = 0;
        List<String> entries = new ArrayList<>(CLEAR_BATCH);
        List<String> others = new ArrayList<>(CLEAR_BATCH);
        try (Stream<String> scanned = redis.scan(keys.pattern())) {
            Iterator<String> it = scanned.iterator();
            while (it.hasNext()) {
                String key = it.next();
                (key.endsWith("}:v") ? entries : others).add(key);
                if (entries.size() >= CLEAR_BATCH) {
                    removed += unlinkAll(entries);
                }
                if (others.size() >= CLEAR_BATCH) {
                    unlinkAll(others);
                }
            }
            removed += unlinkAll(entries);
            unlinkAll(others);
        } finally {
            counters.evictions.add(removed);
            resetNear();
            flights.keySet().forEach(this::forget);
            owner.publish(keys.channel(), String.valueOf(CLEARED).getBytes(StandardCharsets.UTF_8));
        }
        return removed;
    }

    @Override
    public CacheStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "RedisCache[" + name() + "]";
    }

    // --- announcements from the cache's channel ---

    /** Handles a message on the cache's channel (called on a connection's event loop: never blocks). */
    void announced(byte[] message) {
        if (message.length == 0) {
            return;
        }
        String text = new String(message, StandardCharsets.UTF_8);
        switch (text.charAt(0)) {
            case LANDED, EVICTED -> forget(text.substring(1));
            case EVICTED_MANY -> manyKeys(text).forEach(this::forget);
            case CLEARED -> {
                resetNear();
                signals.keySet().forEach(this::wake);
            }
            default -> log.debug("Ignoring an unknown announcement on cache '{}'", name());
        }
    }

    /** Wakes this process's waiter for another instance's load of a key, if there is one. */
    private void wake(String key) {
        CompletableFuture<Void> signal = signals.remove(key);
        if (signal != null) {
            signal.complete(null);
        }
    }

    /** Drops a key from this process: its near entry, and its waiter looks again now (its lease may be gone). */
    private void forget(String key) {
        forgetNear(key);
        wake(key);
    }

    private void forgetNear(String key) {
        if (near != null) {
            near.invalidate(key);
        }
    }

    /** Empties the near cache: announcements may have been missed (a reconnect, a failover, a resubscription). */
    void resetNear() {
        if (near != null) {
            near.invalidateAll();
        }
    }

    /** Starts client tracking for the near cache, when there is one and the server can track. */
    void startTracking() {
        if (near != null) {
            tracking = TrackedInvalidations.start(redis, keys, this::forgetNear, this::resetNear);
        }
    }

    /** Whether the near cache is invalidated by client tracking (else by announcements alone). */
    boolean tracked() {
        return tracking != null;
    }

    /**
     * A connection of the client dropped or came back, or the topology changed. With tracking, the
     * near cache is emptied only if tracking's own connections were affected (a failover, a lost
     * connection); with announcements alone, any of them may have been missed, so it is emptied.
     */
    void connectionEvent(boolean topologyChanged) {
        TrackedInvalidations current = tracking;
        if (current != null) {
            current.verify(topologyChanged);
        } else {
            resetNear();
        }
    }

    void stopTracking() {
        TrackedInvalidations current = tracking;
        if (current != null) {
            current.close();
        }
    }

    /** Returns the near cache's size, for tests. */
    long nearSize() {
        return near == null ? 0 : near.size();
    }

    /** The near cache's entry, counted as a near hit, or null. */
    private NearCache.Entry<V> nearHit(String key) {
        if (near == null) {
            return null;
        }
        NearCache.Entry<V> entry = near.get(key);
        if (entry != null) {
            counters.nearHits.increment();
        }
        return entry;
    }

    /**
     * Holds a value read or loaded since {@code generation} in the near cache until its expiry, or,
     * for a value that may refresh early, until the point from which XFetch could want a refresh
     * ({@link #NEAR_REFRESH_WINDOW} times delta times beta before expiry): from then on reads go to
     * Redis, where the early-refresh draw is made, so a near hit makes none.
     */
    private void keepNear(String key, StoredEntry entry, Decoded<V> decoded, long generation) {
        TrackedInvalidations current = tracking;
        if (near != null && (current == null || current.active())) {
            double window = entry.absent() ? 0 : entry.deltaMillis() * options.earlyRefreshBeta() * NEAR_REFRESH_WINDOW;
            long holdUntil = entry.expiresAt() - (long) Math.ceil(window);
            near.put(key, near.entry(decoded.value, entry.absent() ? 0 : entry.payload().length, holdUntil), generation);
        }
    }

    /** Stores an encoded entry by the PUT script, which also wakes waiters and, with near caches, tells other instances. */
    private void writeEntry(String key, Encoded entry) {
        redis.scripts().run(PUT, entryKeys(key), List.of(entry.text(), entry.pttl(), rawChannel, LANDED + key, announcePuts()));
    }

    /** Whether puts are announced to other instances even without waiters: their near caches must drop the key. */
    private String announcePuts() {
        return near == null ? "0" : "1";
    }

    static byte[] manyKeysMessage(List<String> keyList) {
        StringBuilder text = new StringBuilder().append(EVICTED_MANY);
        for (String key : keyList) {
            text.append(key.length()).append(':').append(key);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> manyKeys(String text) {
        List<String> result = new ArrayList<>();
        int at = 1;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                break;
            }
            int length = Integer.parseInt(text, at, colon, 10);
            result.add(text.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return result;
    }

    // --- loads ---

    /** Runs a load once per key in this process; callers that come while it runs share its outcome. */
    private Optional<V> singleFlight(String key, Supplier<Optional<V>> load) {
        CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<V>> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            counters.localWaits.increment();
            try {
                return running.join();
            } catch (CompletionException e) {
                throw rethrown(e.getCause());
            }
        }
        try {
            Optional<V> value = load.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /**
     * Loads a missed key once across instances: takes the key's lease and loads, or waits for the
     * holder's value (woken by its announcement, looking again every poll interval and when the
     * lease would run out), or after the lease wait loads by itself.
     */
    private Optional<V> loadAcrossInstances(String key, CacheLoader<V> loader, long generation) {
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong());
        // Waiting is real time (the lease runs out on the server's clock), so it is measured by
        // nanoTime, not by the service's clock, which tests may hold still.
        long deadline = System.nanoTime() + options.leaseWait().toNanos();
        boolean waited = false;
        while (true) {
            CompletableFuture<Void> signal = signals.computeIfAbsent(key, k -> new CompletableFuture<>());
            List<Object> reply;
            try {
                long servableFrom = clock.millis() - options.staleWhileRevalidate().toMillis();
                reply = redis.scripts().run(ACQUIRE, entryKeys(key), List.of(token, String.valueOf(options.leaseTime().toMillis()),
                        String.valueOf(WAITERS_SLACK_MILLIS), String.valueOf(servableFrom)));
            } catch (RedisServiceException e) {
                signals.remove(key, signal);
                if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
                    throw e;
                }
                redisFailed("leasing", key, e);
                return loadWithoutRedis(key, loader);
            }
            String kind = reply.get(0).toString();
            if (kind.equals("v")) {
                signals.remove(key, signal);
                StoredEntry entry = parse(key, reply.get(1).toString());
                Decoded<V> decoded = entry == null ? null : decode(key, entry);
                if (decoded != null) {
                    keepNear(key, entry, decoded, generation);
                    return Optional.ofNullable(decoded.value);
                }
                return loadAndPut(key, loader); // An entry no codec reads: replace it.
            }
            if (kind.equals("l")) {
                signals.remove(key, signal);
                return loadAndStore(key, loader, token, generation);
            }
            if (!waited) {
                waited = true;
                counters.leaseWaits.increment();
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                signals.remove(key, signal);
                log.debug("Cache '{}' waited {} for another load of a key; loading it here", name(), options.leaseWait());
                return loadAndPut(key, loader);
            }
            long leaseLeft = reply.size() > 1 && reply.get(1) instanceof Long pttl && pttl > 0 ? pttl : 1;
            long wait = Math.max(1, Math.min(Math.min(options.pollInterval().toMillis(), leaseLeft + 1), remainingMillis));
            try {
                signal.get(wait, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                signals.remove(key, signal);
            } catch (InterruptedException e) {
                signals.remove(key, signal);
                Thread.currentThread().interrupt();
                throw new CacheLoadException(name(), key, e);
            } catch (ExecutionException e) {
                signals.remove(key, signal);
            }
        }
    }

    /** Loads while holding the lease, stores the value if the lease is still this load's, releases it. */
    private Optional<V> loadAndStore(String key, CacheLoader<V> loader, String token, long generation) {
        V value;
        long delta;
        try {
            long start = clock.millis();
            value = loader.load(key);
            delta = Math.max(0, clock.millis() - start);
        } catch (Throwable t) {
            counters.loadFailures.increment();
            release(key, token, "", "0");
            throw loadFailure(key, t);
        }
        counters.loads.increment();
        counters.loadMillis.add(delta);
        Encoded entry;
        try {
            entry = encodeEntry(key, value, delta, clock.millis());
        } catch (RuntimeException e) {
            release(key, token, "", "0");
            throw e;
        }
        if (entry == null) {
            release(key, token, "", "0");
            return Optional.ofNullable(value);
        }
        try {
            addTags(key, value, entry);
            long mine = redis.scripts().run(STORE_AND_RELEASE, entryKeys(key), List.of(token, entry.text(),
                    entry.pttl(), rawChannel, LANDED + key));
            if (mine == 1 && near != null) {
                keepNear(key, StoredEntry.parse(entry.text()), new Decoded<>(value), generation);
            } else if (mine == 0) {
                log.debug("A load of cache '{}' lost its lease (evicted, put over, or longer than the lease); its value was not stored", name());
            }
        } catch (RedisServiceException e) {
            writeFailed(key, e);
        }
        return Optional.ofNullable(value);
    }

    /** Loads without the lease (it could not be had in time) and stores the value, cancelling any load under way. */
    private Optional<V> loadAndPut(String key, CacheLoader<V> loader) {
        V value = callLoader(key, loader);
        Encoded entry = encodeEntry(key, value, 0, clock.millis());
        if (entry != null) {
            try {
                addTags(key, value, entry);
                writeEntry(key, entry);
            } catch (RedisServiceException e) {
                writeFailed(key, e);
            }
        }
        return Optional.ofNullable(value);
    }

    /** Loads while Redis fails (fail open): nothing is stored. */
    private Optional<V> loadWithoutRedis(String key, CacheLoader<V> loader) {
        return Optional.ofNullable(callLoader(key, loader));
    }

    private V callLoader(String key, CacheLoader<V> loader) {
        try {
            long start = clock.millis();
            V value = loader.load(key);
            counters.loads.increment();
            counters.loadMillis.add(Math.max(0, clock.millis() - start));
            return value;
        } catch (Throwable t) {
            counters.loadFailures.increment();
            throw loadFailure(key, t);
        }
    }

    /** Releases a lease (storing nothing unless told), waking the waiters; a failure leaves it to run out. */
    private void release(String key, String token, String entry, String pttl) {
        try {
            redis.scripts().run(STORE_AND_RELEASE, entryKeys(key), List.of(token, entry, pttl, rawChannel, LANDED + key));
        } catch (RedisServiceException e) {
            counters.errors.increment();
            log.warn("Releasing the load lease of a key of cache '{}' failed; it runs out in at most {}: {}", name(),
                    options.leaseTime(), e.toString());
        }
    }

    // --- early refresh ---

    /** XFetch: refresh when {@code now - delta * beta * ln(random) >= expiry}. */
    private boolean refreshEarly(StoredEntry entry, long now) {
        return !entry.absent() && refreshEarly(entry.deltaMillis(), entry.expiresAt(), now);
    }

    private boolean refreshEarly(long deltaMillis, long expiresAt, long now) {
        double beta = options.earlyRefreshBeta();
        if (beta == 0 || deltaMillis <= 0) {
            return false;
        }
        if (expiresAt - now > deltaMillis * beta * LARGEST_NEGATIVE_LOG) {
            // No draw could make it due yet: -ln(draw) is at most LARGEST_NEGATIVE_LOG. Skipping the
            // draw keeps the decision the same and most hits free of a random number and a logarithm.
            return false;
        }
        double draw = options.random().getAsDouble();
        double logDraw = Math.log(draw > 0 ? draw : Double.MIN_VALUE);
        return now - deltaMillis * beta * logDraw >= expiresAt;
    }

    /** Refreshes a key on the refresh executor, once per key in this process and (by its lease) across instances. */
    private void refreshInBackground(String key, CacheLoader<V> loader) {
        if (!refreshing.add(key)) {
            return;
        }
        try {
            refreshExecutor.execute(() -> {
                try {
                    refresh(key, loader);
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.remove(key);
            log.debug("Cache '{}' skipped a refresh: the refresh executor is full", name());
        }
    }

    private void refresh(String key, CacheLoader<V> loader) {
        try {
            String token = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong());
            if (!redis.set(keys.lease(key), token, SetOptions.ifAbsent().withTtl(options.leaseTime()))) {
                return; // Another instance refreshes it.
            }
            counters.earlyRefreshes.increment();
            loadAndStore(key, loader, token, near == null ? 0 : near.generation());
        } catch (RuntimeException e) {
            log.debug("Refreshing a key of cache '{}' failed: {}", name(), e.toString());
        }
    }

    // --- entries ---

    private List<String> entryKeys(String key) {
        return List.of(keys.entry(key), keys.lease(key), keys.waiters(key));
    }

    private StoredEntry read(String key) {
        Optional<String> text = redis.get(keys.entry(key));
        return text.isEmpty() ? null : parse(key, text.get());
    }

    /** Whether an entry may still be served: before its expiry, or within the stale-while-revalidate window after it. */
    private boolean servable(StoredEntry entry, long now) {
        return now < entry.expiresAt() + options.staleWhileRevalidate().toMillis();
    }

    private StoredEntry parse(String key, String text) {
        try {
            return StoredEntry.parse(text);
        } catch (RuntimeException e) {
            counters.errors.increment();
            log.warn("Cache '{}' holds an unreadable entry for a key; treating it as a miss: {}", name(), e.toString());
            return null;
        }
    }

    /** Returns the decoded value (null inside for a cached "absent"), or null when the codec cannot read it (counted, a miss). */
    private Decoded<V> decode(String key, StoredEntry entry) {
        if (entry.absent()) {
            return new Decoded<>(null);
        }
        try {
            return new Decoded<>(options.codec().decode(entry.payload()));
        } catch (RuntimeException e) {
            counters.errors.increment();
            log.warn("The codec of cache '{}' could not read the entry of a key; treating it as a miss: {}", name(), e.toString());
            return null;
        }
    }

    /**
     * Returns the entry to store for a value (null: "absent") with its Redis time to live, or null when nothing is to be stored (an absent value without negative caching,
     * or a value over the size limit, counted).
     */
    private Encoded encodeEntry(String key, V value, long delta, long now) {
        double draw = options.random().getAsDouble();
        if (value == null) {
            if (options.negativeTtl().isZero()) {
                return null;
            }
            long millis = options.negativeTtl().toMillis();
            long ttl = Math.max(1, Math.round(millis * (1 + options.ttl().jitter() * (2 * draw - 1))));
            return new Encoded(new StoredEntry(now + ttl, delta, null).format(), String.valueOf(ttl));
        }
        byte[] payload = options.codec().encode(value);
        if (payload == null) {
            throw new IllegalArgumentException("the codec of cache '" + name() + "' encoded a value to null");
        }
        if (payload.length > options.maxValueBytes()) {
            counters.oversized.increment();
            log.debug("A value of cache '{}' of {} bytes is over maxValueBytes ({}); not cached", name(), payload.length,
                    options.maxValueBytes());
            return null;
        }
        long ttl = options.ttl().ttl(payload.length, draw).toMillis();
        long redisTtl = ttl + options.staleWhileRevalidate().toMillis();
        return new Encoded(new StoredEntry(now + ttl, delta, payload).format(), String.valueOf(redisTtl));
    }

    /** Adds the key to each of its tags' sets before the entry is written, so an invalidation never misses a written entry. */
    private void addTags(String key, V value, Encoded entry) {
        if (value == null) {
            return;
        }
        for (String tag : options.tagsOf(key, value)) {
            if (tag == null) {
                throw new IllegalArgumentException("the tags of key '" + key + "' of cache '" + name() + "' hold null");
            }
            redis.scripts().run(ADD_TAG, List.of(keys.tag(tag)), List.of(key, entry.pttl()));
        }
    }

    private long unlinkAll(List<String> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        long removed = redis.unlink(batch.toArray(String[]::new));
        batch.clear();
        return removed;
    }

    // --- failures ---

    private void redisFailed(String what, String key, RedisServiceException e) {
        counters.errors.increment();
        log.warn("Cache '{}' failed {} a key, serving from the loader (fail open): {}", name(), what, e.toString());
    }

    /** A cache write failed after the value was loaded or stored: thrown (fail closed), or counted and the old entry dropped if possible. */
    private void writeFailed(String key, RedisServiceException e) {
        if (options.errorPolicy() == ErrorPolicy.FAIL_CLOSED) {
            throw e;
        }
        counters.errors.increment();
        log.warn("Cache '{}' could not store a key (fail open): {}", name(), e.toString());
        try {
            redis.del(keys.entry(key));
        } catch (RedisServiceException ignored) {
            // Redis is unreachable: the older entry runs out with its time to live.
        }
    }

    private RuntimeException loadFailure(String key, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new CacheLoadException(name(), key, t);
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /** A decoded value; {@code value} is null for a cached "absent". */
    private record Decoded<V>(V value) {
    }

    /** An entry as stored, and its Redis time to live in milliseconds (as a script argument). */
    private record Encoded(String text, String pttl) {
    }
}
