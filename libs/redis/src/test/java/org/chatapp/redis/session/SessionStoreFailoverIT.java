package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/**
 * A master dies: once its replica is promoted, the same store reads and touches every replicated
 * session again, without a restart; the promoted node has never seen the store's scripts, so this
 * also proves the NOSCRIPT fallback.
 */
class SessionStoreFailoverIT {

    private static final Pattern MASTER_OFFSET = Pattern.compile("master_repl_offset:(\\d+)");
    private static final Pattern REPLICA_OFFSET = Pattern.compile("slave0:.*offset=(\\d+)");

    @Test
    void masterKilled_afterPromotion_everyReplicatedSessionIsReadAndTouchedAgain() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService redis = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()))
                        .keyPrefix("failover:").build())) {
            SessionStore<String> sessions = SessionStore.of(redis, ValueCodec.string(),
                    SessionStoreOptions.defaults().withKeyring(SessionKeyring.of("k1", new byte[32])));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(sessions.create("user-" + i, "payload-" + i).id());
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.masters().stream().allMatch(this::replicated));
            LocalRedisNode victim = cluster.masters().get(1);

            victim.kill();
            cluster.awaitPromotion(victim, Duration.ofSeconds(30));

            Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> ids.stream().allMatch(id -> sessions.get(id).isPresent()));
            for (int i = 0; i < ids.size(); i++) {
                assertThat(sessions.get(ids.get(i))).map(Session::payload).contains("payload-" + i);
                assertThat(sessions.touch(ids.get(i))).isTrue();
            }
        }
    }

    /** Returns whether the master's replica has acknowledged everything the master wrote. */
    private boolean replicated(LocalRedisNode master) {
        String info = master.info("replication");
        Matcher masterOffset = MASTER_OFFSET.matcher(info);
        Matcher replicaOffset = REPLICA_OFFSET.matcher(info);
        return masterOffset.find() && replicaOffset.find() && masterOffset.group(1).equals(replicaOffset.group(1));
    }
}
