package org.chatapp.redis.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Redis clients, bound to {@code chatapp.redis.*}: the default client's
 * connection, named clients that inherit it, health, and the local Redis for development.
 */
@ConfigurationProperties("chatapp.redis")
public class ChatappRedisProperties extends RedisClientProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis";

    /** Extra clients by name, each inheriting every setting it does not set itself. */
    private Map<String, RedisClientProperties> clients = new LinkedHashMap<>();

    /** Whether startup fails when Redis cannot be reached; otherwise the application starts and keeps retrying. */
    private boolean requireAtStartup;

    /**
     * Whether startup fails when no endpoint is configured (no host, port, nodes or sentinel, and
     * no local or service-connection Redis); otherwise one warning is logged and the client tries
     * localhost:6379.
     */
    private boolean requireEndpoint;

    private final Health health = new Health();

    private final Local local = new Local();

    public Map<String, RedisClientProperties> getClients() {
        return clients;
    }

    public void setClients(Map<String, RedisClientProperties> clients) {
        this.clients = clients;
    }

    public boolean isRequireAtStartup() {
        return requireAtStartup;
    }

    public void setRequireAtStartup(boolean requireAtStartup) {
        this.requireAtStartup = requireAtStartup;
    }

    public boolean isRequireEndpoint() {
        return requireEndpoint;
    }

    public void setRequireEndpoint(boolean requireEndpoint) {
        this.requireEndpoint = requireEndpoint;
    }

    public Health getHealth() {
        return health;
    }

    public Local getLocal() {
        return local;
    }

    /** Health check settings. */
    public static class Health {

        /** Time a health check may take before it reports DOWN. */
        private Duration timeout = Duration.ofSeconds(2);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** The local Redis started for development when no endpoint is configured. */
    public static class Local {

        /**
         * Whether a local Redis is started when no host, port, nodes or sentinel is configured.
         * Unset: yes, unless the application runs from a packaged jar ({@code java -jar}); never
         * under a {@code prod} or {@code production} profile.
         */
        private Boolean enabled;

        /** Kind of local Redis: a cluster of 3 masters and 3 replicas, or a standalone server. */
        private LocalMode mode = LocalMode.CLUSTER;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public LocalMode getMode() {
            return mode;
        }

        public void setMode(LocalMode mode) {
            this.mode = mode;
        }
    }

    /** Kinds of local Redis. */
    public enum LocalMode {
        /** One redis-server process. */
        STANDALONE,
        /** Three masters with one replica each. */
        CLUSTER
    }
}
