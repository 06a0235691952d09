package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TestKeyPrefixTest {

    @Test
    void key_andPattern() {
        TestKeyPrefix prefix = new TestKeyPrefix("t7-sends:");

        assertThat(prefix.key("room:1")).isEqualTo("t7-sends:room:1");
        assertThat(prefix.pattern()).isEqualTo("t7-sends:*");
        assertThat(prefix).hasToString("t7-sends:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a{b}:", "a*", "a?", "a[1]", "a b", "a\\b"})
    void constructor_rejectsUnsafePrefixes(String value) {
        assertThatThrownBy(() -> new TestKeyPrefix(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shorten_replacesUnsafeCharactersAndCapsLength() {
        assertThat(LocalRedisExtension.shorten("sends[1] {x}*")).isEqualTo("sends_1___x__");
        assertThat(LocalRedisExtension.shorten("a".repeat(50))).hasSize(32);
    }
}
