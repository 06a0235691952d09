package org.chatapp.bench;

import java.time.Duration;
import java.util.function.Function;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Spring Data Redis's {@code RedisCacheManager} under {@code @Cacheable(sync = true)} as its users
 * take it, with the default cache writer, which takes no lock, or with the locking writer, whose
 * lock covers the whole cache ({@code <name>~lock}).
 */
final class SpringCacheStampedePeer implements StampedePeer {

    private final boolean locking;

    private SpringCacheStampedePeer(boolean locking) {
        this.locking = locking;
    }

    static SpringCacheStampedePeer defaultWriter() {
        return new SpringCacheStampedePeer(false);
    }

    static SpringCacheStampedePeer lockingWriter() {
        return new SpringCacheStampedePeer(true);
    }

    @Override
    public String name() {
        return "Spring Data Redis " + Versions.of("org.springframework.data", "spring-data-redis") + " RedisCacheManager"
                + (locking ? ", locking writer" : "");
    }

    @Override
    public String setup() {
        String manager = locking ? "RedisCacheManager.builder(RedisCacheWriter.lockingRedisCacheWriter(factory))"
                : "RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(factory))";
        return "per instance an application context with `@EnableCaching`, a `LettuceConnectionFactory` with defaults and `"
                + manager + "`" + (locking ? "" : " (the default writer)")
                + ", the default cache configuration but a 5 min TTL and the string serializer for values; "
                + "`@Cacheable(cacheNames = \"" + SpringCaching.CACHE + "\", sync = true)` on the loading method"
                + (locking ? "; the writer's lock is one per cache, held around each write" : "");
    }

    @Override
    public CacheInstance connect(Topology topology, Function<String, String> loader) {
        LettuceConnectionFactory factory = SpringDataRedisPeer.connectionFactory(topology);
        RedisCacheWriter writer = locking ? RedisCacheWriter.lockingRedisCacheWriter(factory)
                : RedisCacheWriter.nonLockingRedisCacheWriter(factory);
        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(Duration.ofMinutes(5))
                // Each writer under a prefix of its own, so that no peer finds another's values.
                .prefixCacheNameWith(Peers.PREFIX + (locking ? "locking:" : "default:"))
                .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(RedisSerializer.string()));
        RedisCacheManager manager = RedisCacheManager.builder(writer).cacheDefaults(configuration).build();
        return SpringCaching.instance(manager, loader, factory::destroy);
    }
}
