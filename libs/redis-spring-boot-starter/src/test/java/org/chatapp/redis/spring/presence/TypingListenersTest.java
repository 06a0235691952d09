package org.chatapp.redis.spring.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.presence.TypingEvent;
import org.chatapp.redis.presence.TypingListener;
import org.junit.jupiter.api.Test;

/** The application's typing listeners, told as one. */
class TypingListenersTest {

    private static final TypingEvent EVENT = new TypingEvent("c1", "u1", true, Instant.EPOCH);

    @Test
    void of_none_isTheListenerThatDoesNothing() {
        assertThat(TypingListeners.of(List.of())).isSameAs(TypingListener.NONE);
    }

    @Test
    void onTyping_firstListenerThrows_theNextStillHearsAndTheFailureIsRethrown() {
        List<TypingEvent> heard = new ArrayList<>();
        TypingListener listeners = TypingListeners.of(List.of(event -> {
            throw new IllegalStateException("first failed");
        }, heard::add));

        assertThatThrownBy(() -> listeners.onTyping(EVENT)).hasMessage("first failed");
        assertThat(heard).containsExactly(EVENT);
    }
}
