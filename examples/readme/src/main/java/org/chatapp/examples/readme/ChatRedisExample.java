package org.chatapp.examples.readme;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chatapp.redis.BatchResult;
import org.chatapp.redis.RedisBatch;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;

public class ChatRedisExample {

    public static void main(String[] args) {
        RedisOptions options = RedisOptions.builder()
                .nodes(RedisNode.parseList("10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000")) // a cluster
                .username("chat-service").password(System.getenv("REDIS_PASSWORD"))
                .keyPrefix("chat:")
                .build();                                  // invalid settings fail here, naming the setting

        try (RedisService redis = RedisService.create(options);
                // one indicator, kept and reused for every check: it holds a thread and connections
                RedisHealthIndicator healthCheck = RedisHealthIndicator.of(redis, Duration.ofSeconds(2))) {
            redis.set("{room:42}:title", "General", Duration.ofMinutes(5));   // stored as chat:{room:42}:title
            Optional<String> title = redis.get("{room:42}:title");
            System.out.println("title: " + title.orElse("(none)"));
            redis.del("user:1", "user:2", "{room:42}:title");                 // keys in different slots: fine
            redis.hashes().set("profile:1", Map.of("name", "Ada"));
            redis.streams().add("events", Map.of("type", "message.created"));
            RedisBatch batch = redis.batch();                                 // queued here, sent by execute()
            BatchResult<Long> unread = batch.hashes().increment("unread:ada", "room:42", 1);
            BatchResult<Optional<String>> bob = batch.get("user:2");          // any slots: one write per master
            batch.execute();                                                  // a failed command fails only its result
            System.out.println("unread: " + unread.get() + ", user:2: " + bob.get().orElse("(none)"));
            try (Stream<String> keys = redis.scan("user:*")) {              // SCAN on every master, prefix stripped
                keys.forEach(key -> System.out.println("key: " + key));
            }
            // the callback runs on an event-loop thread: chain async calls there, never blocking ones
            redis.getAsync("user:1")
                    .thenAccept(user -> System.out.println("user:1: " + user.orElse("(none)")))
                    .toCompletableFuture().join();

            RedisHealth health = healthCheck.check();
            System.out.println("health: " + health.status() + " " + health.details());
        }
    }
}
