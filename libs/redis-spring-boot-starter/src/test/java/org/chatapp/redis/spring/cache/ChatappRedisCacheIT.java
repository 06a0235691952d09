package org.chatapp.redis.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.cache.CacheStats;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's caching annotations on real redis-server processes, two application contexts standing
 * for two instances of a service on one Redis.
 */
@ExtendWith(LocalRedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatappRedisCacheIT {

    /** A cached value of the application's own type, written as typed JSON. */
    record Profile(String name, List<String> rooms) {
    }

    /** The source of truth both instances load from, shared by the test's two contexts. */
    static final class Source {
        final AtomicInteger titleLoads = new AtomicInteger();
        final AtomicInteger profileLoads = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        String title(String room) throws InterruptedException {
            int load = titleLoads.incrementAndGet();
            gate.await(10, TimeUnit.SECONDS);
            return "title of " + room + " #" + load;
        }

        final AtomicInteger topicLoads = new AtomicInteger();

        String topic(String room) {
            if (topicLoads.incrementAndGet() == 1) {
                throw new IllegalStateException("the source is down");
            }
            return "topic of " + room;
        }

        Profile profile(String user) {
            profileLoads.incrementAndGet();
            return user.equals("nobody") ? null : new Profile(user, List.of("42"));
        }
    }

    /** The application's cached service. */
    public static class Rooms {
        private final Source source;

        public Rooms(Source source) {
            this.source = source;
        }

        @Cacheable(cacheNames = "rooms", sync = true)
        public String title(String room) throws InterruptedException {
            return source.title(room);
        }

        @CacheEvict(cacheNames = "rooms")
        public void rename(String room) {
        }

        @Cacheable(cacheNames = "rooms", sync = true, key = "'topic:' + #room")
        public String topic(String room) {
            return source.topic(room);
        }

        @CacheEvict(cacheNames = "rooms", allEntries = true)
        public void renameAll() {
        }

        @Cacheable(cacheNames = "profiles")
        public Profile profile(String user) {
            return source.profile(user);
        }

        @CachePut(cacheNames = "profiles", key = "#user")
        public Profile saveProfile(String user, Profile profile) {
            return profile;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Application {
        @Bean
        Rooms rooms(Source source) {
            return new Rooms(source);
        }
    }

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    private static ApplicationContextRunner instance(Source source, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisCacheAutoConfiguration.class))
                .withUserConfiguration(Application.class)
                .withBean(Source.class, () -> source)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("chatapp.redis.cache.json.trusted-packages=org.chatapp.redis.spring.cache")
                .withPropertyValues(properties);
    }

    private static String[] standalone(LocalRedisStandalone redis, TestKeyPrefix prefix, String... more) {
        List<String> properties = new ArrayList<>(List.of("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.key-prefix=" + prefix));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static RedisCache<Object> nativeCache(AssertableApplicationContext context, String name) {
        return (RedisCache<Object>) context.getBean(CacheManager.class).getCache(name).getNativeCache();
    }

    @Test
    void standalone_syncCacheableInTwoInstances_loadsOnceAndSeesAnEvictionWithinASecond(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        Source source = new Source();
        oneLoadAcrossInstancesThenEvictionSeen(source, instance(source, standalone(redis, prefix)), false);
    }

    @Test
    void standalone_nearCacheOn_loadsOnceAndSeesAnEvictionWithinASecond(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        Source source = new Source();
        oneLoadAcrossInstancesThenEvictionSeen(source,
                instance(source, standalone(redis, prefix, "chatapp.redis.cache.caches.rooms.near-cache.enabled=true")), true);
    }

    @Test
    void cluster_nearCacheOn_loadsOnceAndSeesAnEvictionWithinASecond(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        Source source = new Source();
        oneLoadAcrossInstancesThenEvictionSeen(source, instance(source, "chatapp.redis.nodes=" + cluster.seedAddresses(),
                "chatapp.redis.key-prefix=" + prefix, "chatapp.redis.cache.caches.rooms.near-cache.enabled=true"), true);
    }

    private void oneLoadAcrossInstancesThenEvictionSeen(Source source, ApplicationContextRunner instance, boolean near) {
        instance.run(first -> instance.run(second -> {
            Rooms one = first.getBean(Rooms.class);
            Rooms two = second.getBean(Rooms.class);
            RedisCache<Object> cacheOne = nativeCache(first, "rooms");
            RedisCache<Object> cacheTwo = nativeCache(second, "rooms");
            int callsPerInstance = 8;
            source.gate = new CountDownLatch(1);

            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < callsPerInstance; i++) {
                calls.add(pool.submit(() -> one.title("42")));
                calls.add(pool.submit(() -> two.title("42")));
            }
            // Every call is in: one loads, its instance's others joined it, the other instance waits on the lease.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                CacheStats a = cacheOne.stats();
                CacheStats b = cacheTwo.stats();
                return a.localWaits() + b.localWaits() == 2 * (callsPerInstance - 1) && a.leaseWaits() + b.leaseWaits() == 1;
            });
            source.gate.countDown();

            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("title of 42 #1");
            }
            assertThat(source.titleLoads).as("loads for 16 concurrent misses in two instances").hasValue(1);
            assertThat(two.title("42")).isEqualTo("title of 42 #1");

            one.rename("42");
            assertThat(one.title("42")).isEqualTo("title of 42 #2");

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> two.title("42").equals("title of 42 #2"));
            assertThat(source.titleLoads).as("the other instance read the new value, it did not load it").hasValue(2);
            if (near) {
                // The invalidation client tracking pushes for the write may drop the first read's entry: read until one is served in process.
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    long nearHits = cacheTwo.stats().nearHits();
                    two.title("42");
                    return cacheTwo.stats().nearHits() > nearHits;
                });
            }

            one.renameAll();
            assertThat(one.title("42")).isEqualTo("title of 42 #3");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> two.title("42").equals("title of 42 #3"));
        }));
    }

    @Test
    void standalone_syncMethodThrows_callerGetsItsExceptionAndTheNextCallLoads(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        Source source = new Source();
        instance(source, standalone(redis, prefix)).run(context -> {
            Rooms rooms = context.getBean(Rooms.class);

            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> rooms.topic("42"))
                    .withMessage("the source is down");

            assertThat(rooms.topic("42")).isEqualTo("topic of 42");
            assertThat(rooms.topic("42")).isEqualTo("topic of 42");
            assertThat(source.topicLoads).hasValue(2);
        });
    }

    @Test
    void standalone_cacheableRecordsAndNulls_areServedToTheOtherInstanceAndCounted(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        Source source = new Source();
        ApplicationContextRunner instance = instance(source, standalone(redis, prefix));
        instance.run(first -> instance.run(second -> {
            MeterRegistry registry = second.getBean(MeterRegistry.class);
            second.getBean("redisCacheMetrics", MeterBinder.class).bindTo(registry);
            Rooms one = first.getBean(Rooms.class);
            Rooms two = second.getBean(Rooms.class);

            assertThat(one.profile("ada")).isEqualTo(new Profile("ada", List.of("42")));
            assertThat(two.profile("ada")).as("typed JSON read back as the record").isEqualTo(new Profile("ada", List.of("42")));
            assertThat(one.profile("nobody")).isNull();
            assertThat(two.profile("nobody")).as("a cached null").isNull();
            assertThat(source.profileLoads).hasValue(2);

            one.saveProfile("ada", null);
            assertThat(two.profile("ada")).as("a put of null replaces the value").isNull();
            one.saveProfile("ada", new Profile("Ada L.", List.of()));
            assertThat(two.profile("ada")).isEqualTo(new Profile("Ada L.", List.of()));
            assertThat(source.profileLoads).hasValue(2);

            assertThat(registry.find("chatapp.redis.cache.hits").tag("cache", "profiles").functionCounter().count()).isEqualTo(4.0);
            assertThat(registry.find("chatapp.redis.cache.misses").tag("cache", "profiles").functionCounter().count()).isZero();
        }));
    }
}
