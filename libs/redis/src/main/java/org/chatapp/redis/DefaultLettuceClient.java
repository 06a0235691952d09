package org.chatapp.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The one {@link LettuceClient}: owns the Lettuce client and the resources (threads) behind it. */
final class DefaultLettuceClient implements LettuceClient {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisOptions options;
    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultLettuceClient(RedisOptions options, AbstractRedisClient client, ClientResources resources) {
        this.options = options;
        this.client = client;
        this.resources = resources;
    }

    @Override
    public RedisMode mode() {
        return options.mode();
    }

    @Override
    public RedisOptions options() {
        return options;
    }

    @Override
    public AbstractRedisClient unwrap() {
        return client;
    }

    @Override
    public <K, V> StatefulConnection<K, V> connect(RedisCodec<K, V> codec) {
        try {
            return switch (mode()) {
                case CLUSTER -> {
                    StatefulRedisClusterConnection<K, V> connection = ((RedisClusterClient) client).connect(codec);
                    connection.setReadFrom(LettuceReadFrom.of(options.readFrom()));
                    yield connection;
                }
                case SENTINEL -> {
                    StatefulRedisMasterReplicaConnection<K, V> connection =
                            MasterReplica.connect((RedisClient) client, codec, RedisClientProvider.dataUri(options));
                    connection.setReadFrom(LettuceReadFrom.of(options.readFrom()));
                    yield connection;
                }
                case STANDALONE -> ((RedisClient) client).connect(codec, RedisClientProvider.dataUri(options));
            };
        } catch (RedisException e) {
            throw new RedisConnectionFailureException("cannot connect to Redis " + mode().label() + " at " + endpoints()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StatefulRedisSentinelConnection<String, String> connectSentinel() {
        if (mode() != RedisMode.SENTINEL) {
            throw new IllegalStateException("not a sentinel client: the mode is " + mode().label());
        }
        RedisException last = null;
        for (RedisNode node : options.sentinel().nodes()) {
            RedisURI uri = RedisClientProvider.sentinelUri(node, options);
            try {
                return ((RedisClient) client).connectSentinel(uri);
            } catch (RedisException e) {
                last = e;
            }
        }
        throw new RedisConnectionFailureException("cannot connect to any sentinel of " + options.sentinel().nodes()
                + ": " + (last == null ? "no sentinel" : last.getMessage()), last);
    }

    /** Returns the configured addresses, for messages; never credentials. */
    String endpoints() {
        return switch (mode()) {
            case CLUSTER -> options.nodes().toString();
            case SENTINEL -> options.sentinel().nodes() + " (master " + options.sentinel().master() + ")";
            case STANDALONE -> new RedisNode(options.host(), options.port()).toString();
        };
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        } finally {
            resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
        }
    }

    @Override
    public String toString() {
        return "LettuceClient[" + mode().label() + " " + endpoints() + "]";
    }
}
