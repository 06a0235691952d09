package org.chatapp.apps.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void messageStream_sameConversation_alwaysTheSameStream() {
        String conversation = UUID.randomUUID().toString();

        assertThat(Platform.messageStream(conversation)).isEqualTo(Platform.messageStream(conversation));
    }

    @Test
    void messageStream_manyConversations_useEveryPartition() {
        Set<String> streams = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            streams.add(Platform.messageStream(UUID.randomUUID().toString()));
        }

        assertThat(streams).hasSize(Platform.MESSAGE_STREAMS);
    }

    @Test
    void messageStream_isHashTagged_soItsDeadLetterStreamSharesItsSlot() {
        assertThat(Platform.messageStream(2)).isEqualTo("{messages:2}");
    }

    @Test
    void deliveryChannel_sameConversation_alwaysTheSameChannel() {
        String conversation = UUID.randomUUID().toString();

        assertThat(Platform.deliveryChannel(conversation)).isEqualTo(Platform.deliveryChannel(conversation));
    }

    @Test
    void deliveryChannel_manyConversations_useEveryChannel() {
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            channels.add(Platform.deliveryChannel(UUID.randomUUID().toString()));
        }

        assertThat(channels).hasSize(Platform.DELIVERY_CHANNELS);
    }

    @Test
    void tokenKey_neverContainsTheToken() {
        String token = "s3cr3t-token-value";

        assertThat(Tokens.key(token)).startsWith(Platform.TOKEN_KEY).doesNotContain(token).hasSize(Platform.TOKEN_KEY.length() + 64);
    }
}
