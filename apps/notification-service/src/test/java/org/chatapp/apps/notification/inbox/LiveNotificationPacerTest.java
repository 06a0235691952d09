package org.chatapp.apps.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveNotificationPacerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LiveNotificationPacer pacer = new LiveNotificationPacer(now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void due_firstMessageOfAConversation_notifiesEveryOnlineMember() {
        assertThat(pacer.due("c1", List.of("alice", "bob"))).containsExactly("alice", "bob");
    }

    @Test
    void due_nextMessageWithinTheWindow_notifiesNobodyAgain() {
        pacer.due("c1", List.of("alice", "bob"));
        advance(LiveNotificationPacer.WINDOW.minusMillis(1));

        assertThat(pacer.due("c1", List.of("alice", "bob"))).isEmpty();
    }

    @Test
    void due_nextMessageAfterTheWindow_notifiesAgain() {
        pacer.due("c1", List.of("alice"));
        advance(LiveNotificationPacer.WINDOW);

        assertThat(pacer.due("c1", List.of("alice"))).containsExactly("alice");
    }

    @Test
    void due_anotherConversationWithinTheWindow_notifies() {
        pacer.due("c1", List.of("alice"));

        assertThat(pacer.due("c2", List.of("alice"))).containsExactly("alice");
    }

    @Test
    void due_memberOnlineOnlyNow_isNotifiedThoughOthersWereTold() {
        pacer.due("c1", List.of("alice"));

        assertThat(pacer.due("c1", List.of("alice", "bob"))).containsExactly("bob");
    }

    @Test
    void due_busyConversation_keepsOneWindowFromTheFirstNotice() {
        pacer.due("c1", List.of("alice"));
        for (int message = 0; message < 4; message++) {
            advance(Duration.ofSeconds(1));
            assertThat(pacer.due("c1", List.of("alice"))).isEmpty();
        }
        advance(Duration.ofSeconds(1));

        assertThat(pacer.due("c1", List.of("alice"))).containsExactly("alice");
    }

    @Test
    void due_afterAQuietWindow_dropsTheEntriesOfMembersToldBefore() {
        pacer.due("c1", List.of("alice", "bob"));
        advance(LiveNotificationPacer.WINDOW);

        pacer.due("c2", List.of("carol"));

        assertThat(pacer.size()).isEqualTo(1);
    }
}
