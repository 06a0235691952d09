package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    @Test
    void escape_globCharacters_eachPrecededByABackslash() {
        assertThat(RedisEvents.escape("a*b?c[d]e\\f")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f");
    }

    @Test
    void escape_plainText_unchanged() {
        assertThat(RedisEvents.escape("room:42:ünïcode")).isEqualTo("room:42:ünïcode");
    }

    @Test
    void escape_null_refusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisEvents.escape(null)).withMessage("fragment must not be null");
    }

    @Test
    void escape_escapedFragment_isAValidPatternThatKeepsTheGlobsLiteral() {
        String pattern = "room:" + RedisEvents.escape("[abc") + ":*";

        assertThatCode(() -> ChannelNames.requirePattern("pattern", pattern)).doesNotThrowAnyException();
        assertThat(pattern).isEqualTo("room:\\[abc:*");
    }

    @Test
    void requireChannel_nullOrEmpty_refusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requireChannel("channel", null))
                .withMessage("channel must not be null or empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requireChannel("channel", ""))
                .withMessage("channel must not be null or empty, was ''");
    }

    @Test
    void requireChannel_globCharacter_refusedNamingTheCharacterAndTheValue() {
        for (String channel : new String[] {"room:*", "room:?", "room:[1]", "room:\\*"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requireChannel("channel", channel))
                    .withMessageStartingWith("channel must not contain the glob character '")
                    .withMessageContaining("was '" + channel + "'");
        }
    }

    @Test
    void requireChannel_hashTagAndUnicode_accepted() {
        assertThatCode(() -> ChannelNames.requireChannel("channel", "room:{42}:ünïcode")).doesNotThrowAnyException();
    }

    @Test
    void requirePattern_trailingLoneBackslash_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requirePattern("pattern", "room:\\"))
                .withMessage("pattern must not end with a lone backslash, was 'room:\\'");
    }

    @Test
    void requirePattern_unclosedBracket_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requirePattern("pattern", "room:[ab"))
                .withMessageStartingWith("pattern has a '[' without its ']', was 'room:[ab'");
    }

    @Test
    void requirePattern_nullOrEmpty_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requirePattern("pattern", null))
                .withMessage("pattern must not be null or empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelNames.requirePattern("pattern", ""))
                .withMessage("pattern must not be null or empty, was ''");
    }

    @Test
    void requirePattern_wellFormedGlobs_accepted() {
        assertThatCode(() -> ChannelNames.requirePattern("pattern", "room:[a-c]?:*")).doesNotThrowAnyException();
        assertThatCode(() -> ChannelNames.requirePattern("pattern", "room:\\[:*")).doesNotThrowAnyException();
    }
}
