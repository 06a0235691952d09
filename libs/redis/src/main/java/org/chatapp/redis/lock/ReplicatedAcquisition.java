package org.chatapp.redis.lock;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import org.chatapp.redis.RedisExceptions;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisUnavailableException;

/**
 * Acquisitions that count only once replicas have acknowledged them. {@code WAIT} counts the
 * acknowledgements of the writes made on its own connection, to the node it is sent to, so the
 * acquisition script and the {@code WAIT} run together on a connection of their own to the master
 * of the lock's slot, one acquisition at a time.
 */
final class ReplicatedAcquisition implements AutoCloseable {

    private final RedisService redis;
    private final int replicas;
    private final Duration timeout;
    private StatefulConnection<String, String> connection;

    ReplicatedAcquisition(RedisService redis, int replicas, Duration timeout) {
        this.redis = redis;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    /**
     * Runs the acquisition script; when it took the lock, waits for the replicas and, when too few
     * acknowledged in time, releases the lock again and throws.
     *
     * @throws RedisUnavailableException with error code {@code NOREPLICAS} when too few replicas acknowledged
     */
    synchronized List<Object> acquire(RedisScript<List<Object>> acquire, RedisScript<Boolean> release, String ownerKey, String fenceKey,
            String token, String leaseMillis, String releasedChannel) {
        String owner = redis.keys().raw(ownerKey);
        try {
            RedisCommands<String, String> node = node(owner);
            List<Object> reply = node.eval(acquire.source(), ScriptOutputType.MULTI, new String[] {owner, redis.keys().raw(fenceKey)},
                    token, leaseMillis);
            if ((Long) reply.get(0) != 1L) {
                return reply;
            }
            long acknowledged = node.waitForReplication(replicas, timeout.toMillis());
            if (acknowledged < replicas) {
                node.eval(release.source(), ScriptOutputType.BOOLEAN, new String[] {owner}, token, releasedChannel);
                throw new RedisUnavailableException("WAIT", ownerKey, "NOREPLICAS", acknowledged + " of " + replicas
                        + " replicas acknowledged the lock within " + timeout + "; it was released again", null);
            }
            return reply;
        } catch (RedisUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RedisExceptions.translate("EVAL", ownerKey, e);
        }
    }

    @SuppressWarnings("unchecked")
    private RedisCommands<String, String> node(String rawKey) {
        if (connection == null) {
            connection = redis.lettuceClient().connect(StringCodec.UTF8);
        }
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            // The node serving the key's slot now; after a failover the next call asks again.
            String nodeId = cluster.getPartitions().getMasterBySlot(redis.keys().slot(redis.keys().key(rawKey))).getNodeId();
            return cluster.getConnection(nodeId).sync();
        }
        return ((StatefulRedisConnection<String, String>) connection).sync();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
