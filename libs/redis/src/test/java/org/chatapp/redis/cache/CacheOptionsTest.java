package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ValueCodec;
import org.junit.jupiter.api.Test;

class CacheOptionsTest {

    @Test
    void build_defaults_areTheDocumentedOnes() {
        CacheOptions<String> options = CacheOptions.builder(ValueCodec.string()).build();

        assertThat(options.ttl()).isEqualTo(CacheOptions.DEFAULT_TTL);
        assertThat(options.negativeTtl()).isZero();
        assertThat(options.maxValueBytes()).isEqualTo(CacheOptions.DEFAULT_MAX_VALUE_BYTES);
        assertThat(options.errorPolicy()).isEqualTo(ErrorPolicy.FAIL_OPEN);
        assertThat(options.leaseTime()).isEqualTo(CacheOptions.DEFAULT_LEASE_TIME);
        assertThat(options.leaseWait()).isEqualTo(CacheOptions.DEFAULT_LEASE_WAIT);
        assertThat(options.pollInterval()).isEqualTo(CacheOptions.DEFAULT_POLL_INTERVAL);
        assertThat(options.earlyRefreshBeta()).isEqualTo(1.0);
        assertThat(options.staleWhileRevalidate()).isZero();
        assertThat(options.tagsOf("k", "v")).isEmpty();
    }

    @Test
    void build_invalidSetting_namesIt() {
        Map<String, UnaryOperator<CacheOptions.Builder<String>>> invalid = Map.ofEntries(
                Map.entry("ttl", b -> b.ttl(null)),
                Map.entry("negativeTtl", b -> b.negativeTtl(Duration.ofSeconds(-1))),
                Map.entry("maxValueBytes", b -> b.maxValueBytes(0)),
                Map.entry("errorPolicy", b -> b.errorPolicy(null)),
                Map.entry("leaseTime", b -> b.leaseTime(Duration.ZERO)),
                Map.entry("leaseWait", b -> b.leaseWait(Duration.ofMillis(-1))),
                Map.entry("pollInterval", b -> b.pollInterval(null)),
                Map.entry("earlyRefreshBeta", b -> b.earlyRefreshBeta(Double.NaN)),
                Map.entry("staleWhileRevalidate", b -> b.staleWhileRevalidate(Duration.ofSeconds(-5))),
                Map.entry("tags", b -> b.tags(null)),
                Map.entry("random", b -> b.random(null)));
        invalid.forEach((setting, change) -> assertThatThrownBy(() -> change.apply(CacheOptions.builder(ValueCodec.string())).build())
                .as(setting)
                .isInstanceOfSatisfying(InvalidRedisOptionException.class, e -> assertThat(e.setting()).isEqualTo(setting)));
        assertThatThrownBy(() -> CacheOptions.<String>builder(null).build())
                .isInstanceOfSatisfying(InvalidRedisOptionException.class, e -> assertThat(e.setting()).isEqualTo("codec"));
    }
}
