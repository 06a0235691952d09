package org.chatapp.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one {@link LettuceClient}: owns the Lettuce client and the resources (threads) behind it. */
final class DefaultLettuceClient implements LettuceClient {

    private static final Logger log = LoggerFactory.getLogger(DefaultLettuceClient.class);
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
        return await(connectAsync(codec));
    }

    @Override
    public <K, V> CompletableFuture<StatefulConnection<K, V>> connectAsync(RedisCodec<K, V> codec) {
        CompletableFuture<? extends StatefulConnection<K, V>> connecting;
        try {
            connecting = switch (mode()) {
                case CLUSTER -> {
                    RedisClusterClient cluster = (RedisClusterClient) client;
                    // Lettuce's async connect needs the slot map loaded; its sync connect loads it while blocking.
                    yield cluster.refreshPartitionsAsync().toCompletableFuture()
                            .thenCompose(loaded -> cluster.connectAsync(codec))
                            .thenApply(connection -> {
                                connection.setReadFrom(LettuceReadFrom.of(options.readFrom()));
                                return connection;
                            });
                }
                case SENTINEL -> MasterReplica.connectAsync((RedisClient) client, codec, RedisClientProvider.dataUri(options))
                        .thenApply(connection -> {
                            connection.setReadFrom(LettuceReadFrom.of(options.readFrom()));
                            return connection;
                        });
                case STANDALONE -> ((RedisClient) client).connectAsync(codec, RedisClientProvider.dataUri(options)).toCompletableFuture();
            };
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        return connecting.<StatefulConnection<K, V>>thenApply(connection -> connection)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(failure("cannot connect to Redis " + mode().label()
                        + " at " + endpoints(), error)));
    }

    @Override
    public CompletableFuture<StatefulRedisSentinelConnection<String, String>> connectSentinelAsync() {
        if (mode() != RedisMode.SENTINEL) {
            throw new IllegalStateException("not a sentinel client: the mode is " + mode().label());
        }
        return connectSentinel(options.sentinel().nodes(), 0, null);
    }

    /** Tries the sentinels in order until one answers. */
    private CompletableFuture<StatefulRedisSentinelConnection<String, String>> connectSentinel(List<RedisNode> sentinels,
            int index, Throwable lastError) {
        if (index >= sentinels.size()) {
            return CompletableFuture.failedFuture(failure("cannot connect to any sentinel of " + sentinels, lastError));
        }
        RedisURI uri = RedisClientProvider.sentinelUri(sentinels.get(index), options);
        return ((RedisClient) client).connectSentinelAsync(StringCodec.UTF8, uri)
                .exceptionallyCompose(error -> connectSentinel(sentinels, index + 1, error));
    }

    private static RedisConnectionFailureException failure(String message, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new RedisConnectionFailureException(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisConnectionFailureException failure) {
                throw failure;
            }
            throw new RedisConnectionFailureException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisConnectionFailureException("interrupted while connecting", e);
        }
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
            // Lettuce's blocking shutdown waits without a bound for connections still opening;
            // this one gives up after the timeout and leaves them to finish in the background.
            client.shutdownAsync(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("The Redis client did not shut down cleanly within {} ms: {}", SHUTDOWN_TIMEOUT.toMillis(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
        }
    }

    @Override
    public String toString() {
        return "LettuceClient[" + mode().label() + " " + endpoints() + "]";
    }
}
