package org.chatapp.examples.quickstart;

import java.time.Duration;
import java.util.Map;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;

/**
 * Starts a local Redis Cluster (3 masters, 3 replicas) with {@code chatapp-redis-local}, runs the
 * library's main operations against it with a key prefix, prints the cluster's health, and stops.
 * Pass {@code --keep-running} to leave the cluster up until Ctrl+C.
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean keepRunning = args.length > 0 && "--keep-running".equals(args[0]);
        try (LocalRedisCluster cluster = LocalRedis.cluster().start()) {
            RedisOptions options = RedisOptions.builder()
                    .nodes(RedisNode.parseList(cluster.seedAddresses()))
                    .keyPrefix("quickstart:")
                    .build();
            System.out.println("Options: " + options);
            try (RedisService redis = RedisService.create(options);
                    RedisHealthIndicator health = RedisHealthIndicator.of(redis, Duration.ofSeconds(2))) {
                tour(redis);
                RedisHealth report = health.check();
                System.out.println("Health: " + report.status() + " " + report.details());
                if (keepRunning) {
                    System.out.println("Cluster running at " + cluster.seedAddresses() + "; Ctrl+C stops it.");
                    Thread.currentThread().join();
                }
            }
        }
    }

    private static void tour(RedisService redis) {
        redis.set("{room:1}:title", "General");
        redis.set("{room:1}:topic", "Anything goes", Duration.ofMinutes(5));
        System.out.println("get {room:1}:title -> " + redis.get("{room:1}:title").orElse("(none)"));
        System.out.println("ttl {room:1}:topic -> " + redis.ttl("{room:1}:topic").map(Duration::toSeconds).orElse(-1L) + " s");

        // Keys in different slots: the service splits the command per slot.
        redis.mset(Map.of("user:1", "ada", "user:2", "grace", "user:3", "linus"));
        System.out.println("mget users -> " + redis.mget("user:1", "user:2", "user:3", "user:404"));

        redis.hashes().set("profile:1", Map.of("name", "Ada", "lang", "en"));
        System.out.println("hgetall profile:1 -> " + redis.hashes().getAll("profile:1"));

        String id = redis.streams().add("events", Map.of("type", "message.created", "room", "1"));
        System.out.println("xadd events -> " + id);

        System.out.println("incr visits -> " + redis.incr("visits"));
        try (var keys = redis.scan("*")) {
            System.out.println("scan * (prefix stripped) -> " + keys.sorted().toList());
        }
        long deleted = redis.del("{room:1}:title", "{room:1}:topic", "user:1", "user:2", "user:3",
                "profile:1", "events", "visits");
        System.out.println("del (across slots) -> " + deleted);
    }
}
