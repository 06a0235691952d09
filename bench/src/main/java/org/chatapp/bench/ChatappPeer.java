package org.chatapp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.BatchResult;
import org.chatapp.redis.RedisBatch;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;

/**
 * {@code RedisService} with a key prefix: with its default options, what the goals are about; with
 * spinning off, the measure of what spinning gains and costs in the blocking rows.
 */
final class ChatappPeer implements ClientPeer {

    private final boolean spinOff;

    private ChatappPeer(boolean spinOff) {
        this.spinOff = spinOff;
    }

    /** Returns the peer with the default options, whose rows the goals judge. */
    static ChatappPeer defaults() {
        return new ChatappPeer(false);
    }

    /** Returns the peer with {@code spinWait(Duration.ZERO)}: every blocking call parks, as Lettuce's do. */
    static ChatappPeer spinOff() {
        return new ChatappPeer(true);
    }

    /** Returns whether this is RedisService as its users get it, the peer the goals are about. */
    boolean isDefault() {
        return !spinOff;
    }

    @Override
    public boolean judged() {
        return isDefault();
    }

    @Override
    public String name() {
        return spinOff ? "chatapp RedisService, spin off" : "chatapp RedisService";
    }

    @Override
    public String setup() {
        String spin = spinOff ? "`spinWait(Duration.ZERO)`, so blocking calls park at once; its in-flight and batch rows "
                + "measure the same code as the default's, since only blocking single calls spin"
                : "the default `spinWait`, here " + spinText(RedisOptions.defaultSpinWait()) + " on "
                        + Runtime.getRuntime().availableProcessors() + " CPUs";
        return "`RedisService` with key prefix `" + Peers.PREFIX + "` and " + spin + "; in flight through `getAsync`/`setAsync`; "
                + "a batch as `redis.batch()`, a `get`/`set` per key, `execute()`, then `get()` on every result";
    }

    private static String spinText(Duration spinWait) {
        return spinWait.isZero() ? "off" : spinWait.toNanos() / 1000 + " us";
    }

    /**
     * Returns the options every chatapp peer starts from: the topology's servers, key prefix
     * {@link Peers#PREFIX}, defaults otherwise.
     */
    static RedisOptions.Builder options(Topology topology) {
        RedisOptions.Builder options = RedisOptions.builder().keyPrefix(Peers.PREFIX);
        if (topology.cluster()) {
            options.nodes(topology.nodes());
        } else {
            RedisNode node = topology.nodes().get(0);
            options.host(node.host()).port(node.port());
        }
        return options;
    }

    @Override
    public BenchClient connect(Topology topology) {
        RedisOptions.Builder options = options(topology);
        if (spinOff) {
            options.spinWait(Duration.ZERO);
        }
        RedisService redis = RedisService.create(options.build());
        return new BenchClient.Async() {
            @Override
            public String get(String key) {
                return redis.get(key).orElse(null);
            }

            @Override
            public void set(String key, String value) {
                redis.set(key, value);
            }

            @Override
            public void getBatch(List<String> keys) {
                RedisBatch batch = redis.batch();
                List<BatchResult<Optional<String>>> results = new ArrayList<>(keys.size());
                for (String key : keys) {
                    results.add(batch.get(key));
                }
                batch.execute();
                // Each result read, as its users do: a failed command throws here, and the run fails.
                results.forEach(BatchResult::get);
            }

            @Override
            public void setBatch(List<String> keys, String value) {
                RedisBatch batch = redis.batch();
                List<BatchResult<Void>> results = new ArrayList<>(keys.size());
                for (String key : keys) {
                    results.add(batch.set(key, value));
                }
                batch.execute();
                results.forEach(BatchResult::get);
            }

            @Override
            public CompletionStage<?> getAsync(String key) {
                return redis.getAsync(key);
            }

            @Override
            public CompletionStage<?> setAsync(String key, String value) {
                return redis.setAsync(key, value);
            }

            @Override
            public void close() {
                redis.close();
            }
        };
    }
}
