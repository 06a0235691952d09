package org.chatapp.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Lettuce client for the topology the options describe: a cluster client when
 * {@link RedisOptions#nodes() nodes} are set, a sentinel client when {@link RedisOptions#sentinel()
 * sentinel} is set, otherwise a single-node client. Credentials, TLS, timeouts and the reconnect
 * policy reach every node connection, including the cluster nodes discovered after start.
 */
public final class RedisClientProvider {

    private static final Logger log = LoggerFactory.getLogger(RedisClientProvider.class);

    private RedisClientProvider() {
    }

    /**
     * Creates a client for the options' topology. No connection is opened yet.
     *
     * @param options validated options
     * @return the client; the caller closes it
     */
    public static LettuceClient createRedisClient(RedisOptions options) {
        return createRedisClient(options, LettuceCustomizer.NONE);
    }

    /**
     * Creates a client for the options' topology, letting a customizer adjust the Lettuce
     * resources and options after the library has applied the options. No connection is opened yet.
     *
     * @param options validated options
     * @param customizer adjusts the resources and options
     * @return the client; the caller closes it
     * @throws UnsupportedLettuceVersionException when the Lettuce on the classpath is older than the one required
     */
    public static LettuceClient createRedisClient(RedisOptions options, LettuceCustomizer customizer) {
        LettuceVersion.requireSupported();
        ClientResources.Builder resourcesBuilder = ChannelSetup.keepingLibraryHandlers(DefaultClientResources.builder())
                .reconnectDelay(new PolicyDelay(options.reconnectPolicy()));
        customizer.customizeResources(resourcesBuilder);
        ClientResources resources = resourcesBuilder.build();
        try {
            return switch (options.mode()) {
                case CLUSTER -> {
                    List<RedisURI> seeds = options.nodes().stream().map(node -> nodeUri(node, options)).toList();
                    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
                    client.setOptions(clusterClientOptions(options, customizer));
                    log.debug("Created Redis Cluster client for {} seed nodes", seeds.size());
                    yield new DefaultLettuceClient(options, client, resources);
                }
                case SENTINEL, STANDALONE -> {
                    RedisClient client = RedisClient.create(resources);
                    ClientOptions.Builder clientOptions = configure(ClientOptions.builder(), options);
                    customizer.customizeOptions(clientOptions);
                    client.setOptions(clientOptions.build());
                    yield new DefaultLettuceClient(options, client, resources);
                }
            };
        } catch (RuntimeException e) {
            resources.shutdown(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Returns the address of the data node(s): the single node, or the sentinel URI naming the master. */
    static RedisURI dataUri(RedisOptions options) {
        if (options.mode() == RedisMode.SENTINEL) {
            SentinelOptions sentinel = options.sentinel();
            RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(sentinel.master());
            for (RedisNode node : sentinel.nodes()) {
                builder.withSentinel(sentinelUri(node, options));
            }
            return applyCommon(builder, options).withDatabase(options.db()).build();
        }
        return nodeUri(new RedisNode(options.host(), options.port()), options);
    }

    /**
     * Returns the URI of one sentinel with the sentinels' own credentials. They are never the data
     * nodes' ones: sentinels have users and passwords of their own, and an unknown user would be refused.
     */
    static RedisURI sentinelUri(RedisNode node, RedisOptions options) {
        SentinelOptions sentinel = options.sentinel();
        RedisURI.Builder builder = RedisURI.builder().withHost(node.host()).withPort(node.port())
                .withTimeout(options.commandTimeout());
        authenticate(builder, sentinel.username(), sentinel.password());
        if (options.tls() != null) {
            builder.withSsl(true).withVerifyPeer(verifyMode(options.tls()));
        }
        return builder.build();
    }

    private static RedisURI nodeUri(RedisNode node, RedisOptions options) {
        RedisURI.Builder builder = RedisURI.builder().withHost(node.host()).withPort(node.port());
        if (options.mode() == RedisMode.STANDALONE) {
            builder.withDatabase(options.db());
        }
        return applyCommon(builder, options).build();
    }

    private static RedisURI.Builder applyCommon(RedisURI.Builder builder, RedisOptions options) {
        builder.withTimeout(options.commandTimeout()).withClientName(options.clientName());
        authenticate(builder, options.username(), options.password());
        if (options.tls() != null) {
            builder.withSsl(true).withVerifyPeer(verifyMode(options.tls()));
        }
        return builder;
    }

    private static void authenticate(RedisURI.Builder builder, String username, String password) {
        if (password == null) {
            return;
        }
        if (username == null) {
            builder.withPassword(password.toCharArray());
        } else {
            builder.withAuthentication(username, password);
        }
    }

    private static ClusterClientOptions clusterClientOptions(RedisOptions options, LettuceCustomizer customizer) {
        ClusterOptions cluster = options.clusterOptions();
        ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(cluster.topologyRefreshPeriod())
                .adaptiveRefreshTriggersTimeout(cluster.adaptiveRefreshTimeout())
                // Drop connections to nodes that left the cluster, keep finding new nodes from any node.
                .closeStaleConnections(true)
                .dynamicRefreshSources(true);
        if (cluster.adaptiveRefresh()) {
            refresh.enableAllAdaptiveRefreshTriggers();
        } else {
            refresh.disableAllAdaptiveRefreshTriggers();
        }
        ClusterClientOptions.Builder builder = ClusterClientOptions.builder()
                .topologyRefreshOptions(refresh.build())
                .maxRedirects(cluster.maxRedirects())
                .validateClusterNodeMembership(true)
                // A master flagged FAIL has lost its slots to a replica; dropping it from the view closes
                // its connection, so commands queued for it fail at the refresh, not at their timeout.
                .nodeFilter(node -> !node.is(RedisClusterNode.NodeFlag.FAIL) && !node.is(RedisClusterNode.NodeFlag.NOADDR));
        configure(builder, options);
        customizer.customizeOptions(builder);
        return builder.build();
    }

    private static ClientOptions.Builder configure(ClientOptions.Builder builder, RedisOptions options) {
        SingleNodeOptions node = options.singleNodeOptions();
        SocketOptions.Builder socket = SocketOptions.builder()
                .connectTimeout(options.connectTimeout())
                .tcpNoDelay(node.tcpNoDelay());
        if (node.keepAliveIdle().isZero()) {
            socket.keepAlive(false);
        } else {
            socket.keepAlive(SocketOptions.KeepAliveOptions.builder().enable().idle(node.keepAliveIdle())
                    .interval(node.keepAliveIdle()).count(3).build());
        }
        builder.autoReconnect(true)
                .socketOptions(socket.build())
                // Commands always time out, async ones included, so no caller waits forever; a batch's
                // commands by their chunk's one deadline.
                .timeoutOptions(CommandTimeouts.options(options.commandTimeout()))
                // Unbounded here: Lettuce's bound also caps commands in flight on a live connection, so a
                // burst or a slow server would fail commands while connected. CommandRunner bounds what
                // waits while disconnected (options.requestQueueSize()).
                .requestQueueSize(Integer.MAX_VALUE)
                // A plain queue of commands awaiting replies: the hash index Lettuce adds by default
                // costs a map insert and removal per command (6 % of the event loop in a profile of
                // batches) to speed up removing a command whose write failed, which closes the
                // connection anyway.
                .useHashIndexQueue(false)
                .disconnectedBehavior(options.failFastWhenDisconnected()
                        ? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS
                        : ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS);
        if (options.tls() != null) {
            builder.sslOptions(sslOptions(options.tls()));
        }
        return builder;
    }

    private static SslOptions sslOptions(TlsOptions tls) {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        if (tls.trustedCertificates() != null) {
            builder.trustManager(tls.trustedCertificates().toFile());
        }
        if (tls.clientCertificate() != null) {
            builder.keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile(), null);
        }
        return builder.build();
    }

    private static SslVerifyMode verifyMode(TlsOptions tls) {
        return switch (tls.verification()) {
            case FULL -> SslVerifyMode.FULL;
            case CA -> SslVerifyMode.CA;
            case NONE -> SslVerifyMode.NONE;
        };
    }

    /** Adapts the reconnect policy to Lettuce; Lettuce asks it for every node connection. */
    private static final class PolicyDelay extends Delay {
        private final ReconnectPolicy policy;

        PolicyDelay(ReconnectPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Duration createDelay(long attempt) {
            return policy.delay(attempt);
        }
    }
}
