package org.chatapp.redis.cache;

import java.util.Map;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.stream.StreamDelivery;
import org.chatapp.redis.stream.StreamWorker;
import org.chatapp.redis.stream.StreamWorkerOptions;
import org.chatapp.redis.stream.StreamWorkerStats;

/**
 * A cache's write-behind queue: one stream per cache whose hash tag is the cache's name, so the
 * stream and its dead letters share a slot; versions are the stream's entry ids, which increase
 * with every write queued, whichever instance queued it.
 */
final class DefaultWriteBehind<V> implements WriteBehind<V> {

    static final String GROUP = "store-writers";
    private static final String KEY = "key";
    private static final String VALUE = "value";

    private final RedisService redis;
    private final RedisCache<V> cache;
    private final String stream;
    private final StreamWorker worker;

    private DefaultWriteBehind(RedisService redis, RedisCache<V> cache, VersionedStoreWriter<V> writer, WriteBehindOptions options) {
        this.redis = redis;
        this.cache = cache;
        this.stream = stream(cache.name());
        StreamWorkerOptions.Builder worker = StreamWorkerOptions.builder(stream, GROUP)
                .batchSize(options.batchSize())
                .concurrency(1) // one write at a time per instance: this instance's writes reach the store in queue order
                .claimMinIdle(options.claimMinIdle())
                .maxDeliveries(options.maxDeliveries())
                .deadLetterStream(stream + ":dead-letter")
                .shutdownTimeout(options.shutdownTimeout());
        if (options.consumer() != null) {
            worker.consumer(options.consumer());
        }
        this.worker = StreamWorker.start(redis, worker.build(), delivery -> handle(delivery, writer));
    }

    static <V> DefaultWriteBehind<V> start(RedisService redis, RedisCache<V> cache, VersionedStoreWriter<V> writer,
            WriteBehindOptions options) {
        if (redis == null || cache == null || writer == null || options == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : cache == null ? "cache" : writer == null ? "writer" : "options")
                    + " must not be null");
        }
        return new DefaultWriteBehind<>(redis, cache, writer, options);
    }

    static String stream(String cacheName) {
        return "cache:{" + cacheName + "}:write-behind";
    }

    @Override
    public String put(String key, V value) {
        CacheKeys.validKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        byte[] payload = cache.options().codec().encode(value);
        if (payload.length > cache.options().maxValueBytes()) {
            throw new IllegalArgumentException("the value of key '" + key + "' of cache '" + cache.name() + "' encodes to more than "
                    + cache.options().maxValueBytes() + " bytes (maxValueBytes)");
        }
        // Queued first: once the cache shows the value, the store is sure to get it.
        String version = redis.streams().add(stream, Map.of(KEY, key, VALUE, new StoredEntry(0, 0, payload).format()));
        cache.put(key, value);
        return version;
    }

    private void handle(StreamDelivery delivery, VersionedStoreWriter<V> writer) throws Exception {
        String key = delivery.fields().get(KEY);
        String value = delivery.fields().get(VALUE);
        if (key == null || value == null) {
            throw new IllegalArgumentException("write-behind entry " + delivery.id() + " lacks its key or value");
        }
        writer.write(key, cache.options().codec().decode(StoredEntry.parse(value).payload()), delivery.id());
    }

    @Override
    public StreamWorkerStats stats() {
        return worker.stats();
    }

    @Override
    public void close() {
        worker.close();
    }

    static int compareVersions(String a, String b) {
        long[] left = parse(a);
        long[] right = parse(b);
        int byTime = Long.compare(left[0], right[0]);
        return byTime != 0 ? byTime : Long.compare(left[1], right[1]);
    }

    private static long[] parse(String version) {
        int dash = version == null ? -1 : version.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("not a write-behind version: " + version);
        }
        try {
            return new long[] {Long.parseLong(version, 0, dash, 10), Long.parseLong(version, dash + 1, version.length(), 10)};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a write-behind version: " + version, e);
        }
    }
}
