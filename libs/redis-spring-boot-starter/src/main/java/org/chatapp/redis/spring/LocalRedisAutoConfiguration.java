package org.chatapp.redis.spring;

import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The development default: with no Redis endpoint configured, starts a local Redis (a 3 x 1
 * cluster unless {@code chatapp.redis.local.mode=standalone}) through {@code chatapp-redis-local},
 * logs where it is, and stops it when the context closes, after the clients using it.
 *
 * <p>It never starts when {@code chatapp-redis-local} is not on the classpath (keep it out of
 * production builds), when {@code chatapp.redis.local.enabled=false}, when a {@code prod} or
 * {@code production} profile is active, or when any of {@code chatapp.redis.host}, {@code port},
 * {@code nodes} or {@code sentinel.*} is set.
 */
@AutoConfiguration(before = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(LocalRedis.class)
@ConditionalOnBooleanProperty(name = "chatapp.redis.local.enabled", matchIfMissing = true)
@ConditionalOnMissingBean({RedisConnectionDetails.class, RedisService.class})
@Conditional(LocalRedisAutoConfiguration.NoEndpointConfigured.class)
@EnableConfigurationProperties(ChatappRedisProperties.class)
public final class LocalRedisAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    LocalRedisServer chatappLocalRedis(ChatappRedisProperties properties) {
        LocalRedisServer server = LocalRedisServer.start(properties.getLocal().getMode());
        log.info("Started a local Redis {} for development at {}; configure chatapp.redis.host, nodes or sentinel, "
                + "or set chatapp.redis.local.enabled=false, to use another", server.mode(), server.nodes());
        return server;
    }

    @Bean
    RedisConnectionDetails localRedisConnectionDetails(LocalRedisServer server) {
        return server::endpoint;
    }

    /** A running local Redis and where it listens. */
    static final class LocalRedisServer implements AutoCloseable {
        private final ChatappRedisProperties.LocalMode mode;
        private final AutoCloseable process;
        private final List<RedisNode> nodes;

        private LocalRedisServer(ChatappRedisProperties.LocalMode mode, AutoCloseable process, List<RedisNode> nodes) {
            this.mode = mode;
            this.process = process;
            this.nodes = nodes;
        }

        static LocalRedisServer start(ChatappRedisProperties.LocalMode mode) {
            if (mode == ChatappRedisProperties.LocalMode.STANDALONE) {
                LocalRedisStandalone standalone = LocalRedis.standalone().start();
                return new LocalRedisServer(mode, standalone, List.of(new RedisNode(standalone.host(), standalone.port())));
            }
            LocalRedisCluster cluster = LocalRedis.cluster().start();
            return new LocalRedisServer(mode, cluster, RedisNode.parseList(cluster.seedAddresses()));
        }

        String mode() {
            return mode.name().toLowerCase(java.util.Locale.ROOT);
        }

        List<RedisNode> nodes() {
            return nodes;
        }

        RedisConnectionDetails.Endpoint endpoint() {
            if (mode == ChatappRedisProperties.LocalMode.STANDALONE) {
                return new RedisConnectionDetails.Standalone(nodes.get(0).host(), nodes.get(0).port(), 0);
            }
            return new RedisConnectionDetails.Cluster(nodes);
        }

        @Override
        public void close() throws Exception {
            process.close();
            log.info("Stopped the local Redis {}", mode());
        }
    }

    /** Matches when no Redis endpoint is configured and no production profile is active. */
    static final class NoEndpointConfigured extends SpringBootCondition {

        private static final List<String> ENDPOINT_PROPERTIES = List.of("host", "port", "sentinel.master");

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            if (environment.acceptsProfiles(Profiles.of("prod | production"))) {
                return ConditionOutcome.noMatch("a production profile is active");
            }
            for (String property : ENDPOINT_PROPERTIES) {
                if (environment.containsProperty(ChatappRedisProperties.PREFIX + "." + property)) {
                    return ConditionOutcome.noMatch(ChatappRedisProperties.PREFIX + "." + property + " is set");
                }
            }
            Binder binder = Binder.get(environment);
            for (String list : List.of("nodes", "sentinel.nodes")) {
                if (binder.bind(ChatappRedisProperties.PREFIX + "." + list, Bindable.listOf(String.class))
                        .map(values -> !values.isEmpty()).orElse(false)) {
                    return ConditionOutcome.noMatch(ChatappRedisProperties.PREFIX + "." + list + " is set");
                }
            }
            return ConditionOutcome.match("no Redis endpoint is configured");
        }
    }
}
