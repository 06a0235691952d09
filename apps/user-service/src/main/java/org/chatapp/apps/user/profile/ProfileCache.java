package org.chatapp.apps.user.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside of profiles on the service's own Redis prefix: JSON under {@code profile:<id>} for
 * 300 s plus up to 10 % jitter (so entries loaded together do not expire together), an unknown id
 * as {@value #ABSENT} for 30 s (so a storm of lookups of a wrong id does not reach the database).
 * Redis failures are logged and the database answers (fail open).
 */
@Component
class ProfileCache {

    private static final Logger log = LoggerFactory.getLogger(ProfileCache.class);
    private static final String ABSENT = "-";
    private static final Duration TTL = Duration.ofSeconds(300);
    private static final Duration ABSENT_TTL = Duration.ofSeconds(30);

    private final RedisService redis;
    private final JsonMapper json;

    ProfileCache(RedisService redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    Optional<Profile> get(String userId, Supplier<Optional<Profile>> load) {
        String key = key(userId);
        try {
            Optional<String> cached = redis.get(key);
            if (cached.isPresent()) {
                return ABSENT.equals(cached.get()) ? Optional.empty() : Optional.of(json.readValue(cached.get(), Profile.class));
            }
        } catch (RedisServiceException e) {
            log.warn("Profile cache read failed, reading the database: {}", e.toString());
            return load.get();
        }
        Optional<Profile> loaded = load.get();
        try {
            if (loaded.isPresent()) {
                long jitter = ThreadLocalRandom.current().nextLong(TTL.toMillis() / 10 + 1);
                redis.set(key, json.writeValueAsString(loaded.get()), TTL.plusMillis(jitter));
            } else {
                redis.set(key, ABSENT, ABSENT_TTL);
            }
        } catch (RedisServiceException e) {
            log.warn("Profile cache write failed: {}", e.toString());
        }
        return loaded;
    }

    /** Drops the entry: every instance's next read loads the stored profile. */
    void evict(String userId) {
        // Not swallowed: an update whose eviction failed must not answer success while readers see the old profile.
        redis.del(key(userId));
    }

    private static String key(String userId) {
        return "profile:" + userId;
    }
}
