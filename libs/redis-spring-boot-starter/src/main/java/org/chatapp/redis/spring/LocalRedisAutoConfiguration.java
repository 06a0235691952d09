package org.chatapp.redis.spring;

import java.util.List;
import org.chatapp.redis.LettuceVersion;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * <p>It never starts when {@code chatapp-redis-local} is not on the classpath (it belongs in the
 * test scope, so a repackaged jar leaves it out), when {@code chatapp.redis.local.enabled=false},
 * when a {@code prod} or {@code production} profile is active, or when any of
 * {@code chatapp.redis.host}, {@code port}, {@code nodes} or {@code sentinel.*} is set; nor, unless
 * {@code chatapp.redis.local.enabled=true}, when the application runs from a packaged jar.
 */
@AutoConfiguration(before = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(LocalRedis.class)
@ConditionalOnMissingBean({RedisConnectionDetails.class, RedisService.class})
@Conditional(LocalRedisAutoConfiguration.LocalRedisWanted.class)
@EnableConfigurationProperties(ChatappRedisProperties.class)
public final class LocalRedisAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisAutoConfiguration.class);

    LocalRedisAutoConfiguration() {
        // Before starting processes for a client that could not run anyway.
        LettuceVersion.requireSupported();
    }

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

    /**
     * Matches when a local Redis is wanted: no production profile, {@code local.enabled} not false
     * (and, when unset, not running from a packaged jar), no endpoint configured.
     */
    static final class LocalRedisWanted extends SpringBootCondition {

        private static final String ENABLED = ChatappRedisProperties.PREFIX + ".local.enabled";

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            if (environment.acceptsProfiles(Profiles.of("prod | production"))) {
                return ConditionOutcome.noMatch("a production profile is active");
            }
            Boolean enabled = environment.getProperty(ENABLED, Boolean.class);
            if (Boolean.FALSE.equals(enabled)) {
                return ConditionOutcome.noMatch(ENABLED + " is false");
            }
            if (enabled == null && runsFromPackagedJar(context.getClassLoader())) {
                return ConditionOutcome.noMatch("the application runs from a packaged jar and " + ENABLED + " is not set");
            }
            return ConfiguredEndpoint.firstSetProperty(environment)
                    .map(property -> ConditionOutcome.noMatch(property + " is set"))
                    .orElseGet(() -> ConditionOutcome.match("no Redis endpoint is configured"));
        }

        /**
         * Whether Spring Boot's launcher loaded the application, as it does for {@code java -jar}
         * on a repackaged jar: a production artifact that may carry chatapp-redis-local by mistake
         * (a runtime-scoped dependency) must not start a local Redis. Tests, IDEs and
         * {@code spring-boot:run}/{@code test-run} use a plain class path.
         */
        static boolean runsFromPackagedJar(ClassLoader classLoader) {
            for (ClassLoader loader = classLoader; loader != null; loader = loader.getParent()) {
                if (loader.getClass().getName().startsWith("org.springframework.boot.loader.")) {
                    return true;
                }
            }
            return false;
        }
    }
}
