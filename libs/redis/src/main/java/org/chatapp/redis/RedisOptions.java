package org.chatapp.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Immutable settings of a Redis client: the topology (single node, cluster or sentinel), credentials,
 * TLS, timeouts, the reconnect policy and the key prefix. Built with {@link #builder()} and validated
 * by {@link Builder#build()}, which throws an {@link InvalidRedisOptionException} naming the
 * offending setting and value.
 *
 * <p>The topology follows from the settings: {@link Builder#nodes(List) nodes} make a cluster client,
 * {@link Builder#sentinel(SentinelOptions) sentinel} a sentinel client, otherwise {@code host:port}.
 */
public final class RedisOptions {

    /** The default host: {@code localhost}. */
    public static final String DEFAULT_HOST = "localhost";
    /** The default port: 6379. */
    public static final int DEFAULT_PORT = 6379;
    /** The default time to open a connection: 5 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The default time a command may take before it fails: 2 seconds. Chat commands take well under
     * a millisecond; the timeout also bounds how long commands queued for a dead node wait.
     */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** The default number of commands held while disconnected: 10,000. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;
    /**
     * The default time a blocking call spins for its reply before it parks where the JVM may use two
     * or more CPUs: 100 microseconds. Most replies from a nearby server come back sooner than a parked
     * thread is woken. With fewer CPUs the default is zero; see {@link #defaultSpinWait()}.
     */
    public static final Duration DEFAULT_SPIN_WAIT = Duration.ofNanos(100_000);
    /**
     * The fewest CPUs on which spinning is on by default: on one CPU the spinning caller takes the
     * core the event loop needs to deliver the very reply it waits for.
     */
    static final int MIN_PROCESSORS_TO_SPIN = 2;
    /** The longest spin allowed: beyond a millisecond a spin burns more than a park costs. */
    static final Duration MAX_SPIN_WAIT = Duration.ofMillis(1);
    /** The default client name shown by {@code CLIENT LIST}: {@code chatapp}. */
    public static final String DEFAULT_CLIENT_NAME = "chatapp";

    /**
     * The settings, in a builder no one else can reach. Copying a builder ({@link Builder#copy()}) is
     * the one place settings are copied: {@link Builder#build()} and {@link #toBuilder()} both go
     * through it, so a setting added to the builder cannot be dropped by one of them.
     */
    private final Builder settings;

    private RedisOptions(Builder builder) {
        this.settings = builder.copy();
    }

    /** Returns a builder with the defaults: a single node at {@code localhost:6379}, database 0. */
    public static Builder builder() {
        return new Builder(defaultSpinWait());
    }

    /** Returns a builder with the defaults of a JVM that may use that many CPUs; for tests. */
    static Builder builder(int availableProcessors) {
        return new Builder(defaultSpinWait(availableProcessors));
    }

    /**
     * Returns the spin wait a builder starts with on this JVM: {@link #DEFAULT_SPIN_WAIT} when the
     * JVM may use two or more CPUs ({@link Runtime#availableProcessors()}, which honours a
     * container's CPU limit), else {@link Duration#ZERO}. Pass it to {@link Builder#spinWait(Duration)}
     * to go back to the default after another value was set.
     */
    public static Duration defaultSpinWait() {
        return defaultSpinWait(Runtime.getRuntime().availableProcessors());
    }

    /** Returns the default spin wait of a JVM that may use that many CPUs. */
    static Duration defaultSpinWait(int availableProcessors) {
        return availableProcessors >= MIN_PROCESSORS_TO_SPIN ? DEFAULT_SPIN_WAIT : Duration.ZERO;
    }

    /**
     * Returns a builder holding these settings, to derive other options from them. It is the
     * builder these options were built from, as it stood: a host or port set explicitly is still set,
     * so adding {@code nodes} to it fails as it would have on the original builder.
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** Returns the topology these options describe. */
    public RedisMode mode() {
        if (!settings.nodes.isEmpty()) {
            return RedisMode.CLUSTER;
        }
        return settings.sentinel != null ? RedisMode.SENTINEL : RedisMode.STANDALONE;
    }

    /** Returns the cluster seed nodes; empty unless this is a cluster client. */
    public List<RedisNode> nodes() {
        return settings.nodes;
    }

    /** Returns how the cluster topology is followed; used only with {@link #nodes()}. */
    public ClusterOptions clusterOptions() {
        return settings.clusterOptions;
    }

    /** Returns the single node's host; used only without nodes and sentinel. */
    public String host() {
        return settings.host;
    }

    /** Returns the single node's port; used only without nodes and sentinel. */
    public int port() {
        return settings.port;
    }

    /** Returns the ACL user, or null for the default user. */
    public String username() {
        return settings.username;
    }

    /** Returns the password, or null when the server requires none. Never logged. */
    public String password() {
        return settings.password;
    }

    /** Returns the database index; always 0 in a cluster. */
    public int db() {
        return settings.db;
    }

    /** Returns the socket settings of every node connection. */
    public SingleNodeOptions singleNodeOptions() {
        return settings.singleNodeOptions;
    }

    /** Returns the prefix put before every key the service reads or writes; empty for none. */
    public String keyPrefix() {
        return settings.keyPrefix;
    }

    /** Returns the sentinel settings, or null when this is not a sentinel client. */
    public SentinelOptions sentinel() {
        return settings.sentinel;
    }

    /** Returns the TLS settings, or null when connections are not encrypted. */
    public TlsOptions tls() {
        return settings.tls;
    }

    /** Returns how long opening a connection may take. */
    public Duration connectTimeout() {
        return settings.connectTimeout;
    }

    /** Returns how long one command may take before it fails with a timeout. */
    public Duration commandTimeout() {
        return settings.commandTimeout;
    }

    /** Returns the delay before each reconnect attempt. */
    public ReconnectPolicy reconnectPolicy() {
        return settings.reconnectPolicy;
    }

    /** Returns which nodes serve reads. */
    public ReadFrom readFrom() {
        return settings.readFrom;
    }

    /** Returns how many commands are held while disconnected before new ones are rejected. */
    public int requestQueueSize() {
        return settings.requestQueueSize;
    }

    /** Returns whether commands fail at once while disconnected instead of waiting for the reconnect. */
    public boolean failFastWhenDisconnected() {
        return settings.failFastWhenDisconnected;
    }

    /** Returns the name each connection gives itself with {@code CLIENT SETNAME}. */
    public String clientName() {
        return settings.clientName;
    }

    /**
     * Returns how long a blocking call spins for its reply before it parks; zero turns spinning off.
     * Unless set, it is 100 us where the JVM may use two or more CPUs and zero below that
     * ({@link #defaultSpinWait()}). Only a call that is its service's lone waiter spins, one thread
     * of the JVM at a time (at most one core), and only while most spins end with the reply; on a
     * slow network spinning costs one probe every 50 ms (with the spins it turns on, 3 to 4 % of a
     * core at most).
     */
    public Duration spinWait() {
        return settings.spinWait;
    }

    /**
     * Returns the clock of wall time the service and the features built on it read (leases,
     * windows, last-seen times); {@link Clock#systemUTC()} unless one was injected for tests.
     */
    public Clock clock() {
        return settings.clock;
    }

    /** Returns the settings with the password masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RedisOptions[mode=").append(mode().label());
        switch (mode()) {
            case CLUSTER -> text.append(", nodes=").append(nodes()).append(", clusterOptions=").append(clusterOptions());
            case SENTINEL -> text.append(", sentinel=").append(sentinel()).append(", db=").append(db());
            case STANDALONE -> text.append(", host=").append(host()).append(", port=").append(port()).append(", db=").append(db());
        }
        return text.append(", username=").append(username())
                .append(", password=").append(mask(password()))
                .append(", keyPrefix='").append(keyPrefix()).append('\'')
                .append(", tls=").append(tls())
                .append(", connectTimeout=").append(connectTimeout())
                .append(", commandTimeout=").append(commandTimeout())
                .append(", reconnectPolicy=").append(reconnectPolicy())
                .append(", readFrom=").append(readFrom())
                .append(", requestQueueSize=").append(requestQueueSize())
                .append(", failFastWhenDisconnected=").append(failFastWhenDisconnected())
                .append(", clientName=").append(clientName())
                .append(", spinWait=").append(spinWait())
                .append(", clock=").append(clock())
                .append(", singleNodeOptions=").append(singleNodeOptions())
                .append(']').toString();
    }

    static String mask(String secret) {
        return secret == null ? "null" : "******";
    }

    /** Checks a duration that must be positive; null is refused too. */
    static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidRedisOptionException(setting, setting + " must be a positive duration, was " + value);
        }
    }

    /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
    public static final class Builder {
        private List<RedisNode> nodes = List.of();
        private ClusterOptions clusterOptions = ClusterOptions.defaults();
        private String host = DEFAULT_HOST;
        /** Whether host or port was set explicitly: a cluster or sentinel setup refuses them then. */
        private boolean hostSet;
        private int port = DEFAULT_PORT;
        private String username;
        private String password;
        private int db;
        private SingleNodeOptions singleNodeOptions = SingleNodeOptions.defaults();
        private String keyPrefix = "";
        private SentinelOptions sentinel;
        private TlsOptions tls;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.DEFAULT;
        private ReadFrom readFrom = ReadFrom.MASTER;
        private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        private boolean failFastWhenDisconnected;
        private String clientName = DEFAULT_CLIENT_NAME;
        private Duration spinWait;
        private Clock clock = Clock.systemUTC();

        private Builder(Duration spinWait) {
            this.spinWait = spinWait;
        }

        /**
         * Returns a builder holding the same settings: the one place settings are copied, used by
         * {@link #build()} and {@link RedisOptions#toBuilder()}. A setting added to the builder is
         * added here too; {@code RedisOptionsTest} fails for one that is not. The values are immutable
         * (records, copied lists, durations) or meant to be shared (the clock, the reconnect policy),
         * so copying the references copies the settings.
         */
        private Builder copy() {
            Builder copy = new Builder(spinWait);
            copy.nodes = nodes;
            copy.clusterOptions = clusterOptions;
            copy.host = host;
            copy.hostSet = hostSet;
            copy.port = port;
            copy.username = username;
            copy.password = password;
            copy.db = db;
            copy.singleNodeOptions = singleNodeOptions;
            copy.keyPrefix = keyPrefix;
            copy.sentinel = sentinel;
            copy.tls = tls;
            copy.connectTimeout = connectTimeout;
            copy.commandTimeout = commandTimeout;
            copy.reconnectPolicy = reconnectPolicy;
            copy.readFrom = readFrom;
            copy.requestQueueSize = requestQueueSize;
            copy.failFastWhenDisconnected = failFastWhenDisconnected;
            copy.clientName = clientName;
            copy.clock = clock;
            return copy;
        }

        /**
         * Sets the cluster seed nodes; a non-empty list makes a cluster client.
         *
         * @throws InvalidRedisOptionException naming the entry, such as {@code nodes[1]}, when one is null
         */
        public Builder nodes(List<RedisNode> nodes) {
            this.nodes = nodes == null ? List.of() : RedisNode.copyOf("nodes", nodes);
            return this;
        }

        /** Sets how the cluster topology is followed. */
        public Builder clusterOptions(ClusterOptions clusterOptions) {
            this.clusterOptions = clusterOptions;
            return this;
        }

        /** Sets the single node's host (default {@code localhost}). */
        public Builder host(String host) {
            this.host = host;
            this.hostSet = true;
            return this;
        }

        /** Sets the single node's port (default 6379). */
        public Builder port(int port) {
            this.port = port;
            this.hostSet = true;
            return this;
        }

        /** Sets the ACL user; it needs a password. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** Sets the password of the data nodes; sentinels take theirs from {@link SentinelOptions}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Sets the database index (default 0); a cluster has only database 0. */
        public Builder db(int db) {
            this.db = db;
            return this;
        }

        /** Sets the socket settings of every node connection. */
        public Builder singleNodeOptions(SingleNodeOptions singleNodeOptions) {
            this.singleNodeOptions = singleNodeOptions;
            return this;
        }

        /** Sets the prefix put before every key, such as {@code chat:}; null or empty for none. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
            return this;
        }

        /** Makes this a sentinel client. */
        public Builder sentinel(SentinelOptions sentinel) {
            this.sentinel = sentinel;
            return this;
        }

        /** Makes this a sentinel client for the master of that name, watched by those sentinels. */
        public Builder sentinel(String master, List<RedisNode> sentinels) {
            return sentinel(SentinelOptions.of(master, sentinels));
        }

        /** Turns TLS on with these settings; null turns it off. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** Sets how long opening a connection may take (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Sets how long one command may take (default 2 s). */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** Sets the delay before each reconnect attempt (default {@link ReconnectPolicy#DEFAULT}). */
        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        /** Sets which nodes serve reads (default {@link ReadFrom#MASTER}). */
        public Builder readFrom(ReadFrom readFrom) {
            this.readFrom = readFrom;
            return this;
        }

        /** Sets how many commands are held while disconnected (default 10,000). */
        public Builder requestQueueSize(int requestQueueSize) {
            this.requestQueueSize = requestQueueSize;
            return this;
        }

        /** Sets whether commands fail at once while disconnected instead of waiting (default false). */
        public Builder failFastWhenDisconnected(boolean failFast) {
            this.failFastWhenDisconnected = failFast;
            return this;
        }

        /** Sets the connection name shown by {@code CLIENT LIST} (default {@code chatapp}). */
        public Builder clientName(String clientName) {
            this.clientName = clientName;
            return this;
        }

        /** Sets the clock of wall time the service and its features read (default {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets how long a blocking call spins for its reply before it parks, at most 1 ms;
         * {@link Duration#ZERO} turns spinning off. A value set here is kept whatever the CPU count;
         * unset, it is {@link RedisOptions#defaultSpinWait()}: 100 us where the JVM may use two or
         * more CPUs, zero below that. See {@link RedisOptions#spinWait()}.
         */
        public Builder spinWait(Duration spinWait) {
            this.spinWait = spinWait;
            return this;
        }

        /**
         * Validates the settings and returns the options.
         *
         * @throws InvalidRedisOptionException naming the first invalid setting (in
         *     {@link InvalidRedisOptionException#setting()} and in its message) and its value
         */
        public RedisOptions build() {
            boolean cluster = !nodes.isEmpty();
            if (cluster && sentinel != null) {
                throw new InvalidRedisOptionException("nodes",
                        "nodes and sentinel are mutually exclusive: set nodes for a cluster, sentinel for a sentinel setup");
            }
            if ((cluster || sentinel != null) && hostSet) {
                throw new InvalidRedisOptionException("host", "host/port " + host + ":" + port + " must not be set together with "
                        + (cluster ? "nodes" : "sentinel") + ": the topology would be ambiguous");
            }
            RedisNode.requireHost("host", host);
            RedisNode.requirePort("port", port);
            if (db < 0) {
                throw new InvalidRedisOptionException("db", "db must be 0 or more, was " + db);
            }
            if (cluster && db != 0) {
                throw new InvalidRedisOptionException("db",
                        "db must be 0 with cluster nodes (Redis Cluster has only database 0), was " + db);
            }
            if (clusterOptions == null) {
                throw new InvalidRedisOptionException("clusterOptions", "clusterOptions must be set");
            }
            if (singleNodeOptions == null) {
                throw new InvalidRedisOptionException("singleNodeOptions", "singleNodeOptions must be set");
            }
            if (username != null && username.isBlank()) {
                throw new InvalidRedisOptionException("username", "username must not be blank, was '" + username + "'");
            }
            if (username != null && password == null) {
                // The missing password is the setting to fix; the message starts with the user for context.
                throw new InvalidRedisOptionException("password", "username '" + username + "' needs a password");
            }
            if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
                throw new InvalidRedisOptionException("keyPrefix",
                        "keyPrefix must not contain '{' or '}': it would move every key into the prefix's hash slot, was '"
                                + keyPrefix + "'");
            }
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("commandTimeout", commandTimeout);
            if (reconnectPolicy == null) {
                throw new InvalidRedisOptionException("reconnectPolicy", "reconnectPolicy must be set");
            }
            if (readFrom == null) {
                throw new InvalidRedisOptionException("readFrom", "readFrom must be set");
            }
            if (readFrom != ReadFrom.MASTER && !cluster && sentinel == null) {
                throw new InvalidRedisOptionException("readFrom",
                        "readFrom " + readFrom + " needs replicas the client can find: set nodes (cluster) or sentinel");
            }
            if (requestQueueSize < 1) {
                throw new InvalidRedisOptionException("requestQueueSize", "requestQueueSize must be at least 1, was " + requestQueueSize);
            }
            if (spinWait == null || spinWait.isNegative() || spinWait.compareTo(MAX_SPIN_WAIT) > 0) {
                throw new InvalidRedisOptionException("spinWait", "spinWait must be between 0 and " + MAX_SPIN_WAIT + ", was " + spinWait);
            }
            if (clock == null) {
                throw new InvalidRedisOptionException("clock", "clock must not be null");
            }
            if (clientName == null || clientName.isBlank() || clientName.chars().anyMatch(c -> c <= ' ')) {
                throw new InvalidRedisOptionException("clientName",
                        "clientName must be non-empty without spaces, was '" + clientName + "'");
            }
            return new RedisOptions(this);
        }
    }
}
