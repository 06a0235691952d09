package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private final CacheKeys keys = new CacheKeys("users");

    @Test
    void entryLeaseAndWaiters_ofOneKey_shareASlot() {
        for (String key : List.of("42", "", "a}b", "{x}", "tag}:t", "k:v:l", "ü")) {
            int slot = SlotHash.getSlot("chat:" + keys.entry(key));
            assertThat(SlotHash.getSlot("chat:" + keys.lease(key))).as(key).isEqualTo(slot);
            assertThat(SlotHash.getSlot("chat:" + keys.waiters(key))).as(key).isEqualTo(slot);
        }
    }

    @Test
    void entries_ofDifferentKeys_spreadOverSlots() {
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            slots.add(SlotHash.getSlot(keys.entry("user:" + i)));
        }
        assertThat(slots.size()).isGreaterThan(900);
    }

    @Test
    void pattern_matchesThisCachesKeysOnly() {
        Pattern glob = Pattern.compile(Pattern.quote(keys.pattern().replace("*", "")) + ".*");

        assertThat(List.of(keys.entry("a"), keys.lease("a"), keys.tag("t"), keys.entry("")))
                .allMatch(key -> glob.matcher(key).matches());
        for (String other : List.of("users2", "user", "users-x")) {
            CacheKeys neighbour = new CacheKeys(other);
            assertThat(glob.matcher(neighbour.entry("a")).matches()).as(other).isFalse();
            assertThat(glob.matcher(neighbour.tag("a")).matches()).as(other).isFalse();
        }
    }

    @Test
    void entryAndTag_ofTheSameString_differ() {
        assertThat(keys.entry("x")).isNotEqualTo(keys.tag("x"));
        assertThat(keys.entry("x}:t")).isNotEqualTo(keys.tag("x"));
    }

    @Test
    void validName_globHashTagOrSeparatorCharacters_areRefused() {
        for (String bad : new String[] {null, "", "a:b", "a{b", "a}b", "a*", "a?", "a[b]", "a b", "x".repeat(101)}) {
            assertThatIllegalArgumentException().as(String.valueOf(bad)).isThrownBy(() -> CacheKeys.validName(bad))
                    .withMessageContaining("cache name");
        }
        assertThat(CacheKeys.validName("user-profiles_v2.1")).isEqualTo("user-profiles_v2.1");
    }

    @Test
    void manyKeysMessage_anyKeys_readBackWhole() {
        List<String> keyList = List.of("a", "", "12:3", "x\ny", "ü|€");

        String text = new String(DefaultRedisCache.manyKeysMessage(keyList), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(DefaultRedisCache.manyKeys(text)).containsExactlyElementsOf(keyList);
    }
}
