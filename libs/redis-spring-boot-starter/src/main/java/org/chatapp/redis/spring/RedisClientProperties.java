package org.chatapp.redis.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.ReadFrom;
import org.chatapp.redis.TlsOptions;

/**
 * Connection settings of one Redis client. Unset values (null) take the library's defaults, or for
 * a named client under {@code chatapp.redis.clients.<name>}, the common settings.
 */
public class RedisClientProperties {

    /** Host of a single Redis server; localhost when nothing else is configured. */
    private String host;

    /** Port of a single Redis server; 6379 when not set. */
    private Integer port;

    /** Database index of a single server or sentinel master; 0 when not set. */
    private Integer db;

    /** Cluster nodes as host:port, comma-separated; a non-empty list means Redis Cluster. */
    private List<String> nodes = new ArrayList<>();

    /** ACL user; needs a password. */
    private String username;

    /** Password of the Redis server(s). */
    private String password;

    /** Prefix put before every key the service reads or writes, such as "chat:". */
    private String keyPrefix;

    /** Time allowed to open a connection; 5s when not set. */
    private Duration connectTimeout;

    /** Time a command may take before it fails; 2s when not set. */
    private Duration commandTimeout;

    /** Commands held while disconnected before new ones are rejected; 10000 when not set. */
    private Integer requestQueueSize;

    /** Whether commands fail at once while disconnected instead of waiting for the reconnect. */
    private Boolean failFastWhenDisconnected;

    /** Name each connection gives itself (CLIENT SETNAME); "chatapp" when not set. */
    private String clientName;

    /**
     * Time a blocking call spins for its reply before it parks, at most 1ms; 0 turns it off. When not
     * set, 100us where the JVM may use 2 or more CPUs (a container's CPU limit counts) and 0 below
     * that. It stops by itself while replies take longer, and one thread spins at a time.
     */
    private Duration spinWait;

    private final Sentinel sentinel = new Sentinel();

    private final Tls tls = new Tls();

    private final Retry retry = new Retry();

    private final Cluster cluster = new Cluster();

    /** Returns whether this names an endpoint of its own: host, port, nodes or any sentinel setting but read-from. */
    boolean hasEndpoint() {
        return host != null || port != null || !nodes.isEmpty() || sentinel.master != null || !sentinel.nodes.isEmpty()
                || sentinel.username != null || sentinel.password != null;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getDb() {
        return db;
    }

    public void setDb(Integer db) {
        this.db = db;
    }

    public List<String> getNodes() {
        return nodes;
    }

    public void setNodes(List<String> nodes) {
        this.nodes = nodes == null ? new ArrayList<>() : nodes;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public Integer getRequestQueueSize() {
        return requestQueueSize;
    }

    public void setRequestQueueSize(Integer requestQueueSize) {
        this.requestQueueSize = requestQueueSize;
    }

    public Duration getSpinWait() {
        return spinWait;
    }

    public void setSpinWait(Duration spinWait) {
        this.spinWait = spinWait;
    }

    public Boolean getFailFastWhenDisconnected() {
        return failFastWhenDisconnected;
    }

    public void setFailFastWhenDisconnected(Boolean failFastWhenDisconnected) {
        this.failFastWhenDisconnected = failFastWhenDisconnected;
    }

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public Sentinel getSentinel() {
        return sentinel;
    }

    public Tls getTls() {
        return tls;
    }

    public Retry getRetry() {
        return retry;
    }

    public Cluster getCluster() {
        return cluster;
    }

    /** Redis Sentinel settings. */
    public static class Sentinel {

        /** Name of the monitored master, as in "sentinel monitor <name>". */
        private String master;

        /** Sentinels as host:port, comma-separated. */
        private List<String> nodes = new ArrayList<>();

        /** ACL user for the sentinels, when they require one. */
        private String username;

        /** Password for the sentinels, when they require one. */
        private String password;

        /** Which nodes serve reads: master (default), master-preferred, replica, replica-preferred, nearest or any. */
        private ReadFrom readFrom;

        public String getMaster() {
            return master;
        }

        public void setMaster(String master) {
            this.master = master;
        }

        public List<String> getNodes() {
            return nodes;
        }

        public void setNodes(List<String> nodes) {
            this.nodes = nodes == null ? new ArrayList<>() : nodes;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public ReadFrom getReadFrom() {
            return readFrom;
        }

        public void setReadFrom(ReadFrom readFrom) {
            this.readFrom = readFrom;
        }
    }

    /** TLS settings. */
    public static class Tls {

        /** Whether connections use TLS. */
        private Boolean enabled;

        /** How much of the server certificate is checked: full (default), ca or none. */
        private TlsOptions.Verification verification;

        /** PEM file of the certificate authorities to trust; the JVM's when not set. */
        private Path trustedCertificates;

        /** PEM certificate chain presented to the server (mutual TLS). */
        private Path clientCertificate;

        /** PEM PKCS#8 private key of the client certificate. */
        private Path clientKey;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public TlsOptions.Verification getVerification() {
            return verification;
        }

        public void setVerification(TlsOptions.Verification verification) {
            this.verification = verification;
        }

        public Path getTrustedCertificates() {
            return trustedCertificates;
        }

        public void setTrustedCertificates(Path trustedCertificates) {
            this.trustedCertificates = trustedCertificates;
        }

        public Path getClientCertificate() {
            return clientCertificate;
        }

        public void setClientCertificate(Path clientCertificate) {
            this.clientCertificate = clientCertificate;
        }

        public Path getClientKey() {
            return clientKey;
        }

        public void setClientKey(Path clientKey) {
            this.clientKey = clientKey;
        }
    }

    /** Reconnect policy: wait min(attempt x step, max), plus up to jitter x that. */
    public static class Retry {

        /** Delay added per reconnect attempt; 50ms when not set. */
        private Duration step;

        /** Longest delay between reconnect attempts; 2s when not set. */
        private Duration max;

        /** Largest random fraction added to each delay, 0 to 1; 0 when not set. */
        private Double jitter;

        public Duration getStep() {
            return step;
        }

        public void setStep(Duration step) {
            this.step = step;
        }

        public Duration getMax() {
            return max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public Double getJitter() {
            return jitter;
        }

        public void setJitter(Double jitter) {
            this.jitter = jitter;
        }
    }

    /** Redis Cluster settings. */
    public static class Cluster {

        /** Interval of the periodic slot map refresh; 30s when not set. */
        private Duration refreshPeriod;

        /** Whether redirects and lost connections refresh the slot map at once; true when not set. */
        private Boolean adaptiveRefresh;

        /** Least time between two adaptive refreshes; 1s when not set. */
        private Duration adaptiveRefreshTimeout;

        /** Redirects (MOVED/ASK) one command may follow; 5 when not set. */
        private Integer maxRedirects;

        /** Which nodes serve reads: master (default), master-preferred, replica, replica-preferred, nearest or any. */
        private ReadFrom readFrom;

        public Duration getRefreshPeriod() {
            return refreshPeriod;
        }

        public void setRefreshPeriod(Duration refreshPeriod) {
            this.refreshPeriod = refreshPeriod;
        }

        public Boolean getAdaptiveRefresh() {
            return adaptiveRefresh;
        }

        public void setAdaptiveRefresh(Boolean adaptiveRefresh) {
            this.adaptiveRefresh = adaptiveRefresh;
        }

        public Duration getAdaptiveRefreshTimeout() {
            return adaptiveRefreshTimeout;
        }

        public void setAdaptiveRefreshTimeout(Duration adaptiveRefreshTimeout) {
            this.adaptiveRefreshTimeout = adaptiveRefreshTimeout;
        }

        public Integer getMaxRedirects() {
            return maxRedirects;
        }

        public void setMaxRedirects(Integer maxRedirects) {
            this.maxRedirects = maxRedirects;
        }

        public ReadFrom getReadFrom() {
            return readFrom;
        }

        public void setReadFrom(ReadFrom readFrom) {
            this.readFrom = readFrom;
        }
    }
}
