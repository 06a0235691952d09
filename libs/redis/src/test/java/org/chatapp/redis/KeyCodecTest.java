package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    @Test
    void encode_putsThePrefixFirst() {
        assertThat(new String(new KeyCodec("chat:").encode("user:1"), StandardCharsets.UTF_8)).isEqualTo("chat:user:1");
        assertThat(new String(new KeyCodec("").encode("user:1"), StandardCharsets.UTF_8)).isEqualTo("user:1");
    }

    @Test
    void encode_hashTaggedKeys_keepSharingASlot() {
        KeyCodec codec = new KeyCodec("chat:");

        int a = SlotHash.getSlot(codec.encode("{room1}:a"));
        int b = SlotHash.getSlot(codec.encode("{room1}:b"));

        assertThat(a).isEqualTo(b).isEqualTo(SlotHash.getSlot("room1"));
    }

    @Test
    void decode_stripsThePrefix_multibyte() {
        KeyCodec codec = new KeyCodec("çhat:");

        assertThat(codec.decode(codec.encode("ключ"))).isEqualTo("ключ");
    }

    @Test
    void pattern_escapesGlobCharactersOfThePrefix() {
        assertThat(new KeyCodec("a*b?[x]:").pattern("user:*")).isEqualTo("a\\*b\\?\\[x\\]:user:*");
    }

    @Test
    void encode_emptyKey_fails() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyCodec("p:").encode(""))
                .withMessage("key must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyCodec("p:").encode(new String[0]))
                .withMessage("keys must not be empty");
    }

    @Test
    void groupBySlot_cluster_groupsShareASlotAndKeepOrder() {
        KeyCodec codec = new KeyCodec("chat:", true);
        List<String> users = List.of("{a}1", "{b}1", "{a}2", "{b}2", "{a}3");

        List<List<String>> groups = codec.groupBySlot(users, user -> "unread:" + user, 10);

        assertThat(groups).containsExactlyInAnyOrder(List.of("{a}1", "{a}2", "{a}3"), List.of("{b}1", "{b}2"));
        assertThat(groups).allSatisfy(group -> assertThat(group.stream().map(user -> codec.slot("unread:" + user)).distinct()).hasSize(1));
    }

    @Test
    void groupBySlot_singleServer_oneGroupSplitBySize() {
        KeyCodec codec = new KeyCodec("chat:", false);
        List<String> users = IntStream.range(0, 25).mapToObj(i -> "user" + i).toList();

        List<List<String>> groups = codec.groupBySlot(users, user -> user, 10);

        assertThat(groups).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(users);
    }

    @Test
    void groupBySlot_badInput_isRefused() {
        KeyCodec codec = new KeyCodec("chat:", true);

        assertThatIllegalArgumentException().isThrownBy(() -> codec.groupBySlot((List<String>) null, user -> user, 10)).withMessageContaining("items");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.groupBySlot(List.of("a"), user -> user, 0))
                .withMessageContaining("maxPerGroup");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.groupBySlot(List.of("a"), (String user) -> null, 10))
                .withMessageContaining("key");
    }
}
