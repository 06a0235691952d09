package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneRedisEventsIT extends RedisEventsContract {

    private final LocalRedisStandalone redis;

    StandaloneRedisEventsIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }

    @Test
    void sharded_autoOnASingleServer_isClassic(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);

        assertThat(events.sharded().toCompletableFuture().get()).isFalse();
    }

    @Test
    void subscribePattern_escapedUserInput_matchesNoOtherChannel(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        String userInput = "4?";
        confirmed(events.subscribePattern("room:" + RedisEvents.escape(userInput) + ":*", MessageCreated.class, (c, e) -> { }));

        // PUBLISH answers how many subscriptions got the message; one server sees them all.
        RedisService publisher = service(prefix);
        Long receivers = publisher.getClient().publish(prefix.value() + "events:room:42:typing", "{}");

        assertThat(receivers).as("receivers of room:42:typing, which the unescaped room:4?:* would match").isZero();
    }
}
