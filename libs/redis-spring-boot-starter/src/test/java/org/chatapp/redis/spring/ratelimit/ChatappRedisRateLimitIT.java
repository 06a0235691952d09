package org.chatapp.redis.spring.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Limiters made from properties, deciding on real redis-server processes. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisRateLimitIT {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisRateLimitAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("chatapp.redis.ratelimit.limiters.login.limit=2", "chatapp.redis.ratelimit.limiters.login.window=10m");

    private static RateLimiter login(AssertableApplicationContext context) {
        return BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), RateLimiter.class, "login");
    }

    @Test
    void standalone_limitReached_refusesTheNextCallAndCountsBothKinds(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.key-prefix=" + prefix).run(context -> {
                    RateLimiter login = login(context);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean("redisRateLimitMetrics", MeterBinder.class).bindTo(registry);

                    assertThat(login.tryAcquire("user:1").allowed()).isTrue();
                    assertThat(login.tryAcquire("user:1").allowed()).isTrue();
                    assertThat(login.tryAcquire("user:1").allowed()).isFalse();

                    // The count lives in Redis, under the client's key prefix and the limiter's name.
                    assertThat(redis.node().command("EXISTS", prefix.key("ratelimit:fixed-window:login:user:1"))).isEqualTo(1L);
                    assertThat(registry.find("chatapp.redis.ratelimit.allowed").tag("limiter", "login").functionCounter().count())
                            .isEqualTo(2.0);
                    assertThat(registry.find("chatapp.redis.ratelimit.refused").tag("limiter", "login").functionCounter().count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void cluster_twoApplicationInstances_shareOneLimit(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        ApplicationContextRunner instance = contextRunner.withPropertyValues("chatapp.redis.nodes=" + cluster.seedAddresses(),
                "chatapp.redis.key-prefix=" + prefix);
        instance.run(first -> instance.run(second -> {
            assertThat(login(first).tryAcquire("{room:42}:user:1").allowed()).isTrue();
            assertThat(login(second).tryAcquire("{room:42}:user:1").allowed()).isTrue();

            assertThat(login(first).tryAcquire("{room:42}:user:1").allowed()).as("third call, by either instance").isFalse();
            String stored = prefix.key("ratelimit:fixed-window:login:{room:42}:user:1");
            assertThat(masterServing(cluster, stored).command("EXISTS", stored)).isEqualTo(1L);
        }));
    }

    /** Returns the master that serves a key's slot, as the cluster itself says. */
    @SuppressWarnings("unchecked")
    private static LocalRedisNode masterServing(LocalRedisCluster cluster, String key) {
        long slot = (Long) cluster.masters().get(0).command("CLUSTER", "KEYSLOT", key);
        for (LocalRedisNode node : cluster.masters()) {
            for (Object range : (List<Object>) node.command("CLUSTER", "SLOTS")) {
                List<Object> fields = (List<Object>) range;
                long port = (Long) ((List<Object>) fields.get(2)).get(1);
                if (slot >= (Long) fields.get(0) && slot <= (Long) fields.get(1) && port == node.port()) {
                    return node;
                }
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }
}
