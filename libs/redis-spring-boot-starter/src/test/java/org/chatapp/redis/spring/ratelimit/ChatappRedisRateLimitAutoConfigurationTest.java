package org.chatapp.redis.spring.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.chatapp.redis.ratelimit.RateLimitDecision;
import org.chatapp.redis.ratelimit.RateLimitPolicy;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.chatapp.redis.ratelimit.RateLimiterOptions;
import org.chatapp.redis.ratelimit.TimeSource;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The limiter beans on a client whose endpoint is a closed port: nothing here talks to Redis. */
@ExtendWith(OutputCaptureExtension.class)
class ChatappRedisRateLimitAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisRateLimitAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    private static RateLimitProperties.Limiter limiter(RateLimitProperties.Policy policy) {
        RateLimitProperties.Limiter limiter = new RateLimitProperties.Limiter();
        limiter.setPolicy(policy);
        return limiter;
    }

    @Test
    void options_fixedWindow_isTheLibrarysFixedWindowUnderTheKey() {
        RateLimitProperties.Limiter login = limiter(RateLimitProperties.Policy.FIXED_WINDOW);
        login.setLimit(5);
        login.setWindow(Duration.ofMinutes(1));

        assertThat(ChatappRedisRateLimitAutoConfiguration.options("login", login))
                .isEqualTo(RateLimiterOptions.of("login", RateLimitPolicy.fixedWindow(5, Duration.ofMinutes(1))));
    }

    @Test
    void options_unsetPolicyAndTimeSource_areFixedWindowOnTheServersClock() {
        RateLimitProperties.Limiter unset = new RateLimitProperties.Limiter();

        assertThat(unset.getPolicy()).isEqualTo(RateLimitProperties.Policy.FIXED_WINDOW);
        assertThat(unset.getTimeSource()).isEqualTo(RateLimiterOptions.DEFAULT_TIME_SOURCE);
    }

    @Test
    void options_tokenBucketWithoutRefillTokens_refillsItsCapacityEveryPeriod() {
        RateLimitProperties.Limiter api = limiter(RateLimitProperties.Policy.TOKEN_BUCKET);
        api.setCapacity(20);
        api.setRefillPeriod(Duration.ofSeconds(10));
        api.setTimeSource(TimeSource.SERVICE_CLOCK);

        assertThat(ChatappRedisRateLimitAutoConfiguration.options("api", api)).isEqualTo(new RateLimiterOptions("api",
                RateLimitPolicy.tokenBucket(20, 20, Duration.ofSeconds(10)), TimeSource.SERVICE_CLOCK));
    }

    @Test
    void options_nameSet_isTheNameInRedisInsteadOfTheKey() {
        RateLimitProperties.Limiter login = limiter(RateLimitProperties.Policy.SLIDING_WINDOW);
        login.setName("auth:login");
        login.setLimit(3);
        login.setWindow(Duration.ofSeconds(30));

        assertThat(ChatappRedisRateLimitAutoConfiguration.options("login", login).name()).isEqualTo("auth:login");
    }

    @Test
    void run_twoLimiters_providesABeanPerNameQualifiedByTheName() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5",
                "chatapp.redis.ratelimit.limiters.login.window=1m",
                "chatapp.redis.ratelimit.limiters.api.policy=token-bucket",
                "chatapp.redis.ratelimit.limiters.api.capacity=100",
                "chatapp.redis.ratelimit.limiters.api.refill-period=1s").run(context -> {
                    assertThat(context).hasNotFailed();
                    RateLimiter login = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), RateLimiter.class, "login");
                    RateLimiter api = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), RateLimiter.class, "api");
                    assertThat(login).isSameAs(context.getBean("loginRateLimiter"));
                    assertThat(login.options().policy()).isEqualTo(RateLimitPolicy.fixedWindow(5, Duration.ofMinutes(1)));
                    assertThat(api).isSameAs(context.getBean("apiRateLimiter"));
                    assertThat(api.options().policy()).isInstanceOf(RateLimitPolicy.TokenBucket.class);
                });
    }

    @Test
    void run_everyLimiterProperty_isKnownToTheNamesCheck(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.api.policy=token-bucket",
                "chatapp.redis.ratelimit.limiters.api.name=api", "chatapp.redis.ratelimit.limiters.api.capacity=10",
                "chatapp.redis.ratelimit.limiters.api.refill-tokens=5", "chatapp.redis.ratelimit.limiters.api.refill-period=1s",
                "chatapp.redis.ratelimit.limiters.api.time-source=service-clock")
                .run(context -> assertThat(output).doesNotContain("Unknown property"));
    }

    @Test
    void run_typoInALimitersProperty_isWarnedWithTheClosestPropertyOfThatLimiter(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5",
                "chatapp.redis.ratelimit.limiters.login.window=1m", "chatapp.redis.ratelimit.limiters.login.windw=2m")
                .run(context -> assertThat(output).contains("Unknown property chatapp.redis.ratelimit.limiters.login.windw is ignored;"
                        + " did you mean chatapp.redis.ratelimit.limiters.login.window?"));
    }

    @Test
    void run_noLimiterConfigured_providesNone() {
        contextRunner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimiter.class));
    }

    @Test
    void run_limitMissing_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(invalidProperty(context)).isEqualTo("chatapp.redis.ratelimit.limiters.login.limit"));
    }

    @Test
    void run_limitTheLibraryRejects_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=0",
                "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(invalidProperty(context)).isEqualTo("chatapp.redis.ratelimit.limiters.login.limit"));
    }

    @Test
    void run_refillPeriodTheLibraryRejects_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.api.policy=token-bucket",
                "chatapp.redis.ratelimit.limiters.api.capacity=10", "chatapp.redis.ratelimit.limiters.api.refill-period=0s")
                .run(context -> assertThat(invalidProperty(context)).isEqualTo("chatapp.redis.ratelimit.limiters.api.refill-period"));
    }

    @Test
    void run_unknownPolicy_failsWithBootsBindingFailureNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.policy=leaky-bucket").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof BindException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(BindException.class, bind -> assertThat(bind.getProperty().getName())
                    .hasToString("chatapp.redis.ratelimit.limiters.login.policy"));
        });
    }

    @Test
    void run_settingOfAnotherPolicy_failsNamingIt() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5",
                "chatapp.redis.ratelimit.limiters.login.window=1m", "chatapp.redis.ratelimit.limiters.login.capacity=10")
                .run(context -> assertThat(invalidProperty(context)).isEqualTo("chatapp.redis.ratelimit.limiters.login.capacity"));
    }

    @Test
    void run_nameTheLibraryRejects_failsNamingTheNameProperty() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.limiters.login.name=log in",
                "chatapp.redis.ratelimit.limiters.login.limit=5", "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(invalidProperty(context)).isEqualTo("chatapp.redis.ratelimit.limiters.login.name"));
    }

    @Test
    void run_applicationBeanOfTheLimitersName_replacesIt() {
        RateLimiter own = new CountingRateLimiter(new FixedAnswerRateLimiter(true));
        contextRunner.withBean("loginRateLimiter", RateLimiter.class, () -> own)
                .withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5", "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(context).getBean("loginRateLimiter").isSameAs(own));
    }

    @Test
    void run_disabled_providesNoLimiters() {
        contextRunner.withPropertyValues("chatapp.redis.ratelimit.enabled=false", "chatapp.redis.ratelimit.limiters.login.limit=5",
                "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimiter.class));
    }

    @Test
    void run_withMicrometer_registersAllowedAndRefusedPerLimiter() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5", "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean("redisRateLimitMetrics", MeterBinder.class).bindTo(registry);
                    assertThat(registry.find("chatapp.redis.ratelimit.allowed").tag("limiter", "login").functionCounter()).isNotNull();
                    assertThat(registry.find("chatapp.redis.ratelimit.refused").tag("limiter", "login").functionCounter()).isNotNull();
                });
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheLimiters() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=5", "chatapp.redis.ratelimit.limiters.login.window=1m")
                .run(context -> assertThat(context).hasSingleBean(RateLimiter.class).doesNotHaveBean("redisRateLimitMetrics"));
    }

    /** Returns the property the startup failure names. */
    static String invalidProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidRedisPropertiesException among the causes").isNotNull();
        return ((InvalidRedisPropertiesException) failure).property();
    }

    /** A limiter that always answers the same, standing in for the application's own. */
    record FixedAnswerRateLimiter(boolean allowed) implements RateLimiter {

        @Override
        public RateLimitDecision tryAcquire(String key) {
            return tryAcquire(key, 1);
        }

        @Override
        public RateLimitDecision tryAcquire(String key, int permits) {
            return new RateLimitDecision(allowed, 0, allowed ? Duration.ZERO : Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Override
        public java.util.concurrent.CompletionStage<RateLimitDecision> tryAcquireAsync(String key) {
            return java.util.concurrent.CompletableFuture.completedFuture(tryAcquire(key));
        }

        @Override
        public java.util.concurrent.CompletionStage<RateLimitDecision> tryAcquireAsync(String key, int permits) {
            return java.util.concurrent.CompletableFuture.completedFuture(tryAcquire(key, permits));
        }

        @Override
        public RateLimiterOptions options() {
            return RateLimiterOptions.of("fixed", RateLimitPolicy.fixedWindow(1, Duration.ofSeconds(1)));
        }
    }
}
