package org.chatapp.apps.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {

    /** Messages with ids {@code from} down to {@code to}, newest first, as the cache holds them. */
    private static List<Message> ids(long from, long to) {
        return LongStream.iterate(from, id -> id >= to, id -> id - 1)
                .mapToObj(id -> new Message(Long.toString(id), "c", "s", "t" + id, "2026-01-01T00:00:00Z")).toList();
    }

    private static List<String> idsOf(List<Message> messages) {
        return messages.stream().map(Message::messageId).toList();
    }

    @Test
    void page_newestWithinTheEntry_isServed() {
        RecentMessages recent = new RecentMessages(ids(200, 101), false);

        assertThat(recent.page(null, 3)).hasValueSatisfying(page -> assertThat(idsOf(page)).containsExactly("200", "199", "198"));
    }

    @Test
    void page_beforeAnIdInTheEntry_startsBelowIt() {
        RecentMessages recent = new RecentMessages(ids(200, 101), false);

        assertThat(recent.page(150L, 2)).hasValueSatisfying(page -> assertThat(idsOf(page)).containsExactly("149", "148"));
    }

    @Test
    void page_beforeAnIdNotInTheEntry_startsAtTheFirstOlderOne() {
        RecentMessages recent = new RecentMessages(ids(200, 101), false);

        assertThat(recent.page(1_000L, 1)).hasValueSatisfying(page -> assertThat(idsOf(page)).containsExactly("200"));
    }

    @Test
    void page_reachingPastAnIncompleteEntry_isLeftToTheDatabase() {
        RecentMessages recent = new RecentMessages(ids(200, 101), false);

        assertThat(recent.page(105L, 10)).isEmpty();
        assertThat(recent.page(101L, 1)).isEmpty();
    }

    @Test
    void page_endingExactlyAtTheEntrysOldest_isServed() {
        RecentMessages recent = new RecentMessages(ids(200, 101), false);

        assertThat(recent.page(104L, 3)).hasValueSatisfying(page -> assertThat(idsOf(page)).containsExactly("103", "102", "101"));
    }

    @Test
    void page_reachingPastACompleteEntry_isWhatRemains() {
        RecentMessages recent = new RecentMessages(ids(5, 1), true);

        assertThat(recent.page(3L, 10)).hasValueSatisfying(page -> assertThat(idsOf(page)).containsExactly("2", "1"));
        assertThat(recent.page(1L, 10)).hasValueSatisfying(page -> assertThat(page).isEmpty());
    }

    @Test
    void page_ofAnEmptyConversation_isEmpty() {
        RecentMessages recent = new RecentMessages(List.of(), true);

        assertThat(recent.page(null, 50)).hasValueSatisfying(page -> assertThat(page).isEmpty());
    }
}
