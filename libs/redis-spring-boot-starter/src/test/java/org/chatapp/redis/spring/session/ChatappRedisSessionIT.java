package org.chatapp.redis.spring.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.session.Session;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The session store made from properties, on real redis-server processes. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisSessionIT {

    /** Test keys, never real ones. */
    private static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210".getBytes());

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisSessionAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.session.namespace=sess");

    @SuppressWarnings("unchecked")
    private static SessionStore<String> store(org.springframework.context.ApplicationContext context) {
        return context.getBean(SessionStore.class);
    }

    @Test
    void standalone_encryptionKey_storesThePayloadEncryptedUnderTheCurrentKeyAndReadsItBack(LocalRedisStandalone redis,
            TestKeyPrefix prefix) {
        contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.key-prefix=" + prefix, "chatapp.redis.session.encryption.keys.k1=" + KEY_1).run(context -> {
                    Session<String> created = store(context).create("user-1", "theme=dark");

                    assertThat(store(context).get(created.id())).map(Session::payload).hasValue("theme=dark");
                    List<?> keys = (List<?>) ((List<?>) redis.node().command("SCAN", "0", "MATCH", prefix.key("sess:*:s:*"),
                            "COUNT", "1000")).get(1);
                    assertThat(keys).hasSize(1);
                    assertThat((String) redis.node().command("HGET", (String) keys.get(0), "data")).startsWith("e:k1:");
                });
    }

    @Test
    void cluster_keyRotated_anotherInstanceStillReadsTheSessionsOfThePreviousKey(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        ApplicationContextRunner onCluster = contextRunner.withPropertyValues("chatapp.redis.nodes=" + cluster.seedAddresses(),
                "chatapp.redis.key-prefix=" + prefix);
        onCluster.withPropertyValues("chatapp.redis.session.encryption.keys.k1=" + KEY_1).run(before -> {
            Session<String> created = store(before).create("user-1", "theme=dark");

            onCluster.withPropertyValues("chatapp.redis.session.encryption.keys.k1=" + KEY_1,
                    "chatapp.redis.session.encryption.keys.k2=" + KEY_2, "chatapp.redis.session.encryption.current-key-id=k2")
                    .run(after -> {
                        assertThat(store(after).get(created.id())).map(Session::payload).hasValue("theme=dark");
                        assertThat(store(after).sessionIds("user-1")).containsExactly(created.id());
                    });
        });
    }
}
