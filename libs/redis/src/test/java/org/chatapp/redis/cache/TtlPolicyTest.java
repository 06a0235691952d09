package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;

class TtlPolicyTest {

    @Test
    void ttl_defaultJitter_staysWithinTenPercentEitherSideAndSpreads() {
        TtlPolicy policy = TtlPolicy.fixed(Duration.ofSeconds(100));
        Random random = new Random(42);
        Set<Long> seen = new HashSet<>();
        long below = 0;
        long above = 0;
        for (int i = 0; i < 10_000; i++) {
            long millis = policy.ttl(10, random.nextDouble()).toMillis();
            assertThat(millis).isBetween(90_000L, 110_000L);
            seen.add(millis);
            below += millis < 100_000 ? 1 : 0;
            above += millis > 100_000 ? 1 : 0;
        }
        assertThat(seen.size()).isGreaterThan(5_000);
        // Symmetric: about as many shorter as longer, unlike the seed's additive jitter.
        assertThat(below).isBetween(4_500L, 5_500L);
        assertThat(above).isBetween(4_500L, 5_500L);
    }

    @Test
    void ttl_extremeDraws_reachTheBoundsOfTheJitter() {
        TtlPolicy policy = TtlPolicy.fixed(Duration.ofSeconds(100)).withJitter(0.2);

        assertThat(policy.ttl(10, 0.0)).isEqualTo(Duration.ofSeconds(80));
        assertThat(policy.ttl(10, 0.5)).isEqualTo(Duration.ofSeconds(100));
        assertThat(policy.ttl(10, Math.nextDown(1.0)).toMillis()).isBetween(119_999L, 120_000L);
    }

    @Test
    void ttl_zeroJitter_isExact() {
        assertThat(TtlPolicy.fixed(Duration.ofMillis(1234)).withJitter(0).ttl(10, 0.99)).isEqualTo(Duration.ofMillis(1234));
    }

    @Test
    void named_oneMinuteToOneMonth_givesTheNamedDuration() {
        assertThat(TtlPolicy.named(NamedTtl.ONE_MINUTE).withJitter(0).ttl(1, 0.3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(TtlPolicy.named(NamedTtl.ONE_MONTH).withJitter(0).ttl(1, 0.3)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void bySize_seedRule_smallLongestLargeShortest() {
        TtlPolicy policy = TtlPolicy.bySize(Duration.ofSeconds(400)).withJitter(0);

        assertThat(policy.ttl(1024, 0.5)).isEqualTo(Duration.ofSeconds(800));
        assertThat(policy.ttl(1025, 0.5)).isEqualTo(Duration.ofSeconds(400));
        assertThat(policy.ttl(100 * 1024, 0.5)).isEqualTo(Duration.ofSeconds(400));
        assertThat(policy.ttl(100 * 1024 + 1, 0.5)).isEqualTo(Duration.ofSeconds(200));
        assertThat(policy.ttl(1024 * 1024, 0.5)).isEqualTo(Duration.ofSeconds(200));
        assertThat(policy.ttl(1024 * 1024 + 1, 0.5)).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void bySize_withJitter_jittersTheSizeBracket() {
        TtlPolicy policy = TtlPolicy.bySize(Duration.ofSeconds(400));

        assertThat(policy.ttl(10, 0.0)).isEqualTo(Duration.ofSeconds(720));
        assertThat(policy.ttl(2_000_000, 0.0)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void withJitter_outOfRange_namesTheSetting() {
        TtlPolicy policy = TtlPolicy.fixed(Duration.ofSeconds(1));

        assertThatThrownBy(() -> policy.withJitter(-0.1)).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo("ttl.jitter"));
        assertThatThrownBy(() -> policy.withJitter(0.6)).isInstanceOf(InvalidRedisOptionException.class);
        assertThatThrownBy(() -> policy.withJitter(Double.NaN)).isInstanceOf(InvalidRedisOptionException.class);
    }

    @Test
    void fixed_zeroNegativeOrNull_namesTheSetting() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            assertThatThrownBy(() -> TtlPolicy.fixed(bad)).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                    e -> assertThat(e.setting()).isEqualTo("ttl"));
        }
    }
}
