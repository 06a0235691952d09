package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimiterOptionsTest {

    private static final RateLimitPolicy POLICY = RateLimitPolicy.fixedWindow(3, Duration.ofSeconds(10));

    @Test
    void of_nameAndPolicy_readsTheServersClock() {
        assertThat(RateLimiterOptions.of("login", POLICY).timeSource()).isEqualTo(TimeSource.REDIS_SERVER)
                .isEqualTo(RateLimiterOptions.DEFAULT_TIME_SOURCE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void of_noName_namesName(String name) {
        assertThatThrownBy(() -> RateLimiterOptions.of(name, POLICY)).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo("name")).hasMessage("name must not be empty, was " + (name == null ? "null" : "''"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{login}", "log in", "login*", "rate/limit", "é"})
    void of_nameWithAForbiddenCharacter_namesNameAndValue(String name) {
        assertThatThrownBy(() -> RateLimiterOptions.of(name, POLICY)).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo("name")).hasMessageContaining("'" + name + "'");
    }

    @Test
    void of_nameLongerThanMax_namesNameAndLength() {
        assertThatThrownBy(() -> RateLimiterOptions.of("n".repeat(RateLimiterOptions.MAX_NAME_LENGTH + 1), POLICY))
                .isInstanceOfSatisfying(InvalidRedisOptionException.class, e -> assertThat(e.setting()).isEqualTo("name"))
                .hasMessage("name must be at most 100 characters, was 101 characters");
    }

    @Test
    void of_everyAllowedCharacter_isAccepted() {
        assertThat(RateLimiterOptions.of("Api.v2_per-user:GET", POLICY).name()).isEqualTo("Api.v2_per-user:GET");
    }

    @Test
    void of_nullPolicy_namesPolicy() {
        assertThatThrownBy(() -> RateLimiterOptions.of("login", null)).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo("policy"));
    }

    @Test
    void withTimeSource_null_namesTimeSource() {
        assertThatThrownBy(() -> RateLimiterOptions.of("login", POLICY).withTimeSource(null))
                .isInstanceOfSatisfying(InvalidRedisOptionException.class, e -> assertThat(e.setting()).isEqualTo("timeSource"));
    }

    @Test
    void withTimeSource_serviceClock_keepsNameAndPolicy() {
        RateLimiterOptions options = RateLimiterOptions.of("login", POLICY).withTimeSource(TimeSource.SERVICE_CLOCK);

        assertThat(options).isEqualTo(new RateLimiterOptions("login", POLICY, TimeSource.SERVICE_CLOCK));
    }
}
