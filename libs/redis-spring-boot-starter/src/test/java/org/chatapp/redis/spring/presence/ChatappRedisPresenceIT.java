package org.chatapp.redis.spring.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.TypingEvent;
import org.chatapp.redis.presence.TypingListener;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Presence made from properties, on a real redis-server, telling the application's typing listener. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisPresenceIT {

    @Test
    void typing_applicationDefinesATypingListener_itHearsWhoStartsTyping(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        List<TypingEvent> heard = new CopyOnWriteArrayList<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisPresenceAutoConfiguration.class))
                .withBean(TypingListener.class, () -> heard::add)
                .withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                        "chatapp.redis.key-prefix=" + prefix)
                .run(context -> {
                    context.getBean(Presence.class).typing("conversation-1", "user-1");

                    assertThat(heard).singleElement().satisfies(event -> {
                        assertThat(event.conversationId()).isEqualTo("conversation-1");
                        assertThat(event.typing()).isTrue();
                    });
                });
    }
}
