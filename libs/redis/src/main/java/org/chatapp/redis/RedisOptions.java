package org.chatapp.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a Redis client: the topology (single node, cluster or sentinel), credentials,
 * TLS, timeouts, the reconnect policy and the key prefix. Built with {@link #builder()} and validated
 * by {@link Builder#build()}, which names the offending setting and value.
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

    private final List<RedisNode> nodes;
    private final ClusterOptions clusterOptions;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final int db;
    private final SingleNodeOptions singleNodeOptions;
    private final String keyPrefix;
    private final SentinelOptions sentinel;
    private final TlsOptions tls;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final ReconnectPolicy reconnectPolicy;
    private final ReadFrom readFrom;
    private final int requestQueueSize;
    private final boolean failFastWhenDisconnected;
    private final String clientName;
    private final Duration spinWait;
    private final Clock clock;

    private RedisOptions(Builder builder) {
        this.nodes = List.copyOf(builder.nodes);
        this.clusterOptions = builder.clusterOptions;
        this.host = builder.host;
        this.port = builder.port;
        this.username = builder.username;
        this.password = builder.password;
        this.db = builder.db;
        this.singleNodeOptions = builder.singleNodeOptions;
        this.keyPrefix = builder.keyPrefix;
        this.sentinel = builder.sentinel;
        this.tls = builder.tls;
        this.connectTimeout = builder.connectTimeout;
        this.commandTimeout = builder.commandTimeout;
        this.reconnectPolicy = builder.reconnectPolicy;
        this.readFrom = builder.readFrom;
        this.requestQueueSize = builder.requestQueueSize;
        this.failFastWhenDisconnected = builder.failFastWhenDisconnected;
        this.clientName = builder.clientName;
        this.spinWait = builder.spinWait;
        this.clock = builder.clock;
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

    /** Returns a builder holding these settings, to derive other options from them. */
    public Builder toBuilder() {
        Builder builder = new Builder(spinWait);
        builder.nodes = nodes;
        builder.clusterOptions = clusterOptions;
        builder.host = host;
        builder.hostSet = !DEFAULT_HOST.equals(host) || port != DEFAULT_PORT;
        builder.port = port;
        builder.username = username;
        builder.password = password;
        builder.db = db;
        builder.singleNodeOptions = singleNodeOptions;
        builder.keyPrefix = keyPrefix;
        builder.sentinel = sentinel;
        builder.tls = tls;
        builder.connectTimeout = connectTimeout;
        builder.commandTimeout = commandTimeout;
        builder.reconnectPolicy = reconnectPolicy;
        builder.readFrom = readFrom;
        builder.requestQueueSize = requestQueueSize;
        builder.failFastWhenDisconnected = failFastWhenDisconnected;
        builder.clientName = clientName;
        builder.clock = clock;
        return builder;
    }

    /** Returns the topology these options describe. */
    public RedisMode mode() {
        if (!nodes.isEmpty()) {
            return RedisMode.CLUSTER;
        }
        return sentinel != null ? RedisMode.SENTINEL : RedisMode.STANDALONE;
    }

    /** Returns the cluster seed nodes; empty unless this is a cluster client. */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /** Returns how the cluster topology is followed; used only with {@link #nodes()}. */
    public ClusterOptions clusterOptions() {
        return clusterOptions;
    }

    /** Returns the single node's host; used only without nodes and sentinel. */
    public String host() {
        return host;
    }

    /** Returns the single node's port; used only without nodes and sentinel. */
    public int port() {
        return port;
    }

    /** Returns the ACL user, or null for the default user. */
    public String username() {
        return username;
    }

    /** Returns the password, or null when the server requires none. Never logged. */
    public String password() {
        return password;
    }

    /** Returns the database index; always 0 in a cluster. */
    public int db() {
        return db;
    }

    /** Returns the socket settings of every node connection. */
    public SingleNodeOptions singleNodeOptions() {
        return singleNodeOptions;
    }

    /** Returns the prefix put before every key the service reads or writes; empty for none. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Returns the sentinel settings, or null when this is not a sentinel client. */
    public SentinelOptions sentinel() {
        return sentinel;
    }

    /** Returns the TLS settings, or null when connections are not encrypted. */
    public TlsOptions tls() {
        return tls;
    }

    /** Returns how long opening a connection may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns how long one command may take before it fails with a timeout. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Returns the delay before each reconnect attempt. */
    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /** Returns which nodes serve reads. */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /** Returns how many commands are held while disconnected before new ones are rejected. */
    public int requestQueueSize() {
        return requestQueueSize;
    }

    /** Returns whether commands fail at once while disconnected instead of waiting for the reconnect. */
    public boolean failFastWhenDisconnected() {
        return failFastWhenDisconnected;
    }

    /** Returns the name each connection gives itself with {@code CLIENT SETNAME}. */
    public String clientName() {
        return clientName;
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
        return spinWait;
    }

    /**
     * Returns the clock of wall time the service and the features built on it read (leases,
     * windows, last-seen times); {@link Clock#systemUTC()} unless one was injected for tests.
     */
    public Clock clock() {
        return clock;
    }

    /** Returns the settings with the password masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RedisOptions[mode=").append(mode().label());
        switch (mode()) {
            case CLUSTER -> text.append(", nodes=").append(nodes).append(", clusterOptions=").append(clusterOptions);
            case SENTINEL -> text.append(", sentinel=").append(sentinel).append(", db=").append(db);
            case STANDALONE -> text.append(", host=").append(host).append(", port=").append(port).append(", db=").append(db);
        }
        return text.append(", username=").append(username)
                .append(", password=").append(mask(password))
                .append(", keyPrefix='").append(keyPrefix).append('\'')
                .append(", tls=").append(tls)
                .append(", connectTimeout=").append(connectTimeout)
                .append(", commandTimeout=").append(commandTimeout)
                .append(", reconnectPolicy=").append(reconnectPolicy)
                .append(", readFrom=").append(readFrom)
                .append(", requestQueueSize=").append(requestQueueSize)
                .append(", failFastWhenDisconnected=").append(failFastWhenDisconnected)
                .append(", clientName=").append(clientName)
                .append(", spinWait=").append(spinWait)
                .append(", clock=").append(clock)
                .append(", singleNodeOptions=").append(singleNodeOptions)
                .append(']').toString();
    }

    static String mask(String secret) {
        return secret == null ? "null" : "******";
    }

    static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
        }
    }

    /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
    public static final class Builder {
        private List<RedisNode> nodes = List.of();
        private ClusterOptions clusterOptions = ClusterOptions.defaults();
        private String host = DEFAULT_HOST;
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

        /** Sets the cluster seed nodes; a non-empty list makes a cluster client. */
        public Builder nodes(List<RedisNode> nodes) {
            this.nodes = nodes == null ? List.of() : List.copyOf(nodes);
            return this;
        }

        /** Sets how the cluster topology is followed. */
        public Builder clusterOptions(ClusterOptions clusterOptions) {
            this.clusterOptions = Objects.requireNonNull(clusterOptions, "clusterOptions");
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
            this.singleNodeOptions = Objects.requireNonNull(singleNodeOptions, "singleNodeOptions");
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
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public RedisOptions build() {
            boolean cluster = !nodes.isEmpty();
            if (cluster && sentinel != null) {
                throw new IllegalArgumentException("nodes and sentinel are mutually exclusive: set nodes for a cluster, sentinel for a sentinel setup");
            }
            if ((cluster || sentinel != null) && hostSet) {
                throw new IllegalArgumentException("host/port " + host + ":" + port + " must not be set together with "
                        + (cluster ? "nodes" : "sentinel") + ": the topology would be ambiguous");
            }
            RedisNode.requireHost("host", host);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            if (db < 0) {
                throw new IllegalArgumentException("db must be 0 or more, was " + db);
            }
            if (cluster && db != 0) {
                throw new IllegalArgumentException("db must be 0 with cluster nodes (Redis Cluster has only database 0), was " + db);
            }
            if (username != null && username.isBlank()) {
                throw new IllegalArgumentException("username must not be blank, was '" + username + "'");
            }
            if (username != null && password == null) {
                throw new IllegalArgumentException("username '" + username + "' needs a password");
            }
            if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
                throw new IllegalArgumentException("keyPrefix must not contain '{' or '}': it would move every key into the prefix's hash slot, was '"
                        + keyPrefix + "'");
            }
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("commandTimeout", commandTimeout);
            if (reconnectPolicy == null) {
                throw new IllegalArgumentException("reconnectPolicy must be set");
            }
            if (readFrom == null) {
                throw new IllegalArgumentException("readFrom must be set");
            }
            if (readFrom != ReadFrom.MASTER && !cluster && sentinel == null) {
                throw new IllegalArgumentException("readFrom " + readFrom + " needs replicas the client can find: set nodes (cluster) or sentinel");
            }
            if (requestQueueSize < 1) {
                throw new IllegalArgumentException("requestQueueSize must be at least 1, was " + requestQueueSize);
            }
            if (spinWait == null || spinWait.isNegative() || spinWait.compareTo(MAX_SPIN_WAIT) > 0) {
                throw new IllegalArgumentException("spinWait must be between 0 and " + MAX_SPIN_WAIT + ", was " + spinWait);
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            if (clientName == null || clientName.isBlank() || clientName.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("clientName must be non-empty without spaces, was '" + clientName + "'");
            }
            return new RedisOptions(this);
        }
    }
}
