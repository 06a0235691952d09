package org.chatapp.redis.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.ErrorPolicy;
import org.chatapp.redis.cache.NamedTtl;
import org.chatapp.redis.cache.NearCacheOptions;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.cache.TtlPolicy;
import org.chatapp.redis.cache.TypedJsonCodec;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The cache manager on a client whose endpoint is a closed port: caches are made on first use, so
 * nothing here talks to Redis.
 */
class ChatappRedisCacheAutoConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class OwnCacheManager {
        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisCacheAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms",
                    "chatapp.redis.cache.json.trusted-packages=org.chatapp.redis.spring.cache");

    /**
     * Boot's cache auto-configuration with Spring Data Redis's connection factory, under which Boot
     * makes a RedisCacheManager. The factory is the application's here, not DataRedisAutoConfiguration's,
     * whose module also brings connection-details factories that would take over the starter's own tests.
     */
    private final ApplicationContextRunner withSpringDataRedis = contextRunner
            .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
            .withBean(RedisConnectionFactory.class, () -> new LettuceConnectionFactory("127.0.0.1", 1));

    private static ConfiguredCaches configured(AssertableApplicationContext context) {
        return context.getBean(SpringRedisCaches.class).configured();
    }

    private static String failedProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidRedisPropertiesException among the causes").isNotNull();
        return ((InvalidRedisPropertiesException) failure).property();
    }

    @Test
    void run_withEnableCaching_providesTheRedisCacheManager() {
        contextRunner.withUserConfiguration(Caching.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class).hasSingleBean(RedisCaches.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(SpringRedisCaches.class);
            assertThat(context.getBean(CacheManager.class).getCacheNames()).as("no cache made at startup").isEmpty();
        });
    }

    @Test
    void run_withoutEnableCaching_providesRedisCachesButNoCacheManager() {
        contextRunner.run(context -> assertThat(context).hasSingleBean(RedisCaches.class).doesNotHaveBean(CacheManager.class));
    }

    @Test
    void run_applicationsOwnCacheManager_backsOff() {
        contextRunner.withUserConfiguration(OwnCacheManager.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void run_springDataRedisAndBootsCacheConfiguration_replacesRedisCacheManager() {
        withSpringDataRedis.withUserConfiguration(Caching.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(RedisCacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(SpringRedisCaches.class);
        });
    }

    @Test
    void run_springDataRedisAndCachesDisabled_leavesBootsRedisCacheManager() {
        // The control of the test above: without the starter's manager, Boot does make a RedisCacheManager.
        withSpringDataRedis.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(RedisCacheManager.class));
    }

    @Test
    void run_springCacheTypeRedis_isTheStartersManager() {
        withSpringDataRedis.withUserConfiguration(Caching.class).withPropertyValues("spring.cache.type=redis")
                .run(context -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(SpringRedisCaches.class));
    }

    @Test
    void run_springCacheTypeSimple_leavesBootsChoice() {
        withSpringDataRedis.withUserConfiguration(Caching.class).withPropertyValues("spring.cache.type=simple")
                .run(context -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class));
    }

    @Test
    void run_disabled_providesNeitherCachesNorManager() {
        contextRunner.withPropertyValues("chatapp.redis.cache.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RedisCaches.class).doesNotHaveBean(SpringRedisCaches.class));
    }

    @Test
    void settings_unsetProperties_areTheLibraryDefaultsWithNullsCachedForAMinute() {
        ValueCodec<Object> codec = TypedJsonCodec.trusting(List.of());

        CacheOptions<Object> options = ConfiguredCaches.settings("chatapp.redis.cache", new RedisCacheProperties(), codec).options();

        assertThat(options.toString())
                .isEqualTo(CacheOptions.builder(codec).negativeTtl(Duration.ofMinutes(1)).build().toString());
    }

    @Test
    void settings_nearCacheEnabledWithUnsetProperties_areTheLibraryDefaults() {
        RedisCacheProperties properties = new RedisCacheProperties();
        properties.getNearCache().setEnabled(true);

        assertThat(ConfiguredCaches.settings("chatapp.redis.cache", properties, TypedJsonCodec.trusting(List.of())).options().nearCache())
                .isEqualTo(NearCacheOptions.DEFAULT);
    }

    @Test
    void run_perCacheProperties_areBoundOverTheDefaults() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues(
                "chatapp.redis.cache.ttl.duration=10m", "chatapp.redis.cache.error-policy=fail-closed",
                "chatapp.redis.cache.caches.rooms.ttl.policy=by-size", "chatapp.redis.cache.caches.rooms.near-cache.enabled=true",
                "chatapp.redis.cache.caches.rooms.near-cache.max-entries=50", "chatapp.redis.cache.caches.rooms.allow-null-values=false",
                "chatapp.redis.cache.caches.users.ttl.policy=named", "chatapp.redis.cache.caches.users.ttl.named=one-hour",
                "chatapp.redis.cache.caches.users.ttl.jitter=0", "chatapp.redis.cache.caches.users.negative-ttl=5s").run(context -> {
                    ConfiguredCaches.Settings rooms = configured(context).settingsOf("rooms");
                    assertThat(rooms.options().ttl()).isEqualTo(TtlPolicy.bySize(Duration.ofMinutes(10)));
                    assertThat(rooms.options().errorPolicy()).as("inherited").isEqualTo(ErrorPolicy.FAIL_CLOSED);
                    assertThat(rooms.options().nearCache()).isEqualTo(new NearCacheOptions(50, NearCacheOptions.DEFAULT.maxWeightBytes(),
                            NearCacheOptions.DEFAULT.maxAge()));
                    assertThat(rooms.allowNullValues()).isFalse();
                    assertThat(rooms.options().negativeTtl()).as("no nulls, no absent to cache").isZero();

                    ConfiguredCaches.Settings users = configured(context).settingsOf("users");
                    assertThat(users.options().ttl()).isEqualTo(TtlPolicy.named(NamedTtl.ONE_HOUR).withJitter(0));
                    assertThat(users.options().negativeTtl()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(users.options().nearCache()).isNull();

                    ConfiguredCaches.Settings other = configured(context).settingsOf("other");
                    assertThat(other.options().ttl()).isEqualTo(TtlPolicy.fixed(Duration.ofMinutes(10)));
                    assertThat(other.options().negativeTtl()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void run_camelCaseCacheName_getsItsOwnSettings() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.caches.userProfiles.ttl.duration=7m")
                .run(context -> assertThat(configured(context).settingsOf("userProfiles").options().ttl())
                        .isEqualTo(TtlPolicy.fixed(Duration.ofMinutes(7))));
    }

    @Test
    void run_cacheNameWithADot_getsItsOwnSettings() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.caches[user.profiles].ttl.duration=8m")
                .run(context -> assertThat(configured(context).settingsOf("user.profiles").options().ttl())
                        .isEqualTo(TtlPolicy.fixed(Duration.ofMinutes(8))));
    }

    @Test
    void run_valueType_storesPlainJsonOfThatTypeAndRefusesOthers() {
        contextRunner.withUserConfiguration(Caching.class)
                .withPropertyValues("chatapp.redis.cache.caches.titles.value-type=java.lang.String").run(context -> {
                    ValueCodec<Object> codec = configured(context).settingsOf("titles").options().codec();
                    assertThat(new String(codec.encode("General"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("\"General\"");
                    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(42L))
                            .withMessageContaining("java.lang.String");
                });
    }

    @Test
    void run_dynamicOff_unconfiguredCacheIsNotMade() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.dynamic=false")
                .run(context -> assertThat(context.getBean(CacheManager.class).getCache("other")).isNull());
    }

    @Test
    void run_invalidValueOfOneCache_failsNamingThatCachesProperty() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.caches.rooms.ttl.jitter=0.9")
                .run(context -> assertThat(failedProperty(context)).isEqualTo("chatapp.redis.cache.caches.rooms.ttl.jitter"));
    }

    @Test
    void run_invalidDefault_failsNamingTheDefaultsProperty() {
        contextRunner.withUserConfiguration(Caching.class)
                .withPropertyValues("chatapp.redis.cache.near-cache.enabled=true", "chatapp.redis.cache.near-cache.max-entries=0")
                .run(context -> assertThat(failedProperty(context)).isEqualTo("chatapp.redis.cache.near-cache.max-entries"));
    }

    @Test
    void run_zeroTtl_failsNamingTheDuration() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.caches.rooms.ttl.duration=0s")
                .run(context -> assertThat(failedProperty(context)).isEqualTo("chatapp.redis.cache.caches.rooms.ttl.duration"));
    }

    @Test
    void run_namedTtlUnderTheFixedPolicy_failsNamingIt() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.caches.rooms.ttl.named=one-hour")
                .run(context -> assertThat(failedProperty(context)).isEqualTo("chatapp.redis.cache.caches.rooms.ttl.named"));
    }

    @Test
    void run_badTrustedPackage_failsNamingTheProperty() {
        contextRunner.withUserConfiguration(Caching.class).withPropertyValues("chatapp.redis.cache.json.trusted-packages=com.example.*")
                .run(context -> assertThat(failedProperty(context)).isEqualTo("chatapp.redis.cache.json.trusted-packages"));
    }

    @Test
    void run_applicationsValueCodec_replacesTypedJson() {
        contextRunner.withUserConfiguration(Caching.class)
                .withBean(ChatappRedisCacheAutoConfiguration.VALUE_CODEC_BEAN_NAME, ValueCodec.class, () -> ValueCodec.string())
                .run(context -> assertThat(configured(context).defaults().options().codec()).isSameAs(ValueCodec.string()));
    }

    @Test
    void run_withMicrometer_providesTheCacheMeterBinder() {
        contextRunner.withUserConfiguration(Caching.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasBean("redisCacheMetrics"));
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheCacheManager() {
        contextRunner.withUserConfiguration(Caching.class).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean("redisCacheMetrics"));
    }
}
