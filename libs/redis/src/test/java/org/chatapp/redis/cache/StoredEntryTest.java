package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredEntryTest {

    @Test
    void format_utf8Payload_isStoredAsTextAndReadBack() {
        StoredEntry entry = new StoredEntry(1_700_000_000_000L, 42, "héllo | wörld".getBytes(StandardCharsets.UTF_8));

        String text = entry.format();

        assertThat(text).isEqualTo("1|1700000000000|42|t|héllo | wörld");
        StoredEntry read = StoredEntry.parse(text);
        assertThat(read.expiresAt()).isEqualTo(1_700_000_000_000L);
        assertThat(read.deltaMillis()).isEqualTo(42);
        assertThat(new String(read.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo | wörld");
    }

    @Test
    void format_binaryPayload_survivesTheRoundTrip() {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10, '|'};

        StoredEntry read = StoredEntry.parse(new StoredEntry(5, 0, binary).format());

        assertThat(read.payload()).containsExactly(binary);
    }

    @Test
    void format_absent_isReadAsAbsent() {
        StoredEntry read = StoredEntry.parse(new StoredEntry(7, 3, null).format());

        assertThat(read.absent()).isTrue();
        assertThat(read.expiresAt()).isEqualTo(7);
    }

    @Test
    void format_emptyPayload_isNotAbsent() {
        StoredEntry read = StoredEntry.parse(new StoredEntry(7, 3, new byte[0]).format());

        assertThat(read.absent()).isFalse();
        assertThat(read.payload()).isEmpty();
    }

    @Test
    void parse_foreignText_isRefused() {
        for (String foreign : new String[] {"", "hello", "2|1|1|t|x", "1|x|1|t|x", "1|1|1|q|x", "1|1|1"}) {
            assertThatIllegalArgumentException().as(foreign).isThrownBy(() -> StoredEntry.parse(foreign));
        }
    }
}
