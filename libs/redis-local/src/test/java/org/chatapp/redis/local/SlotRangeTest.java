package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotRangeTest {

    @Test
    void slotOf_plainKey_isCrc16XmodemModulo16384() {
        // 0x31C3 is CRC-16/XMODEM's check value for "123456789".
        assertThat(SlotRange.slotOf("123456789")).isEqualTo(0x31C3 % 16384);
    }

    @Test
    void slotOf_hashTag_hashesOnlyTheTag() {
        assertThat(SlotRange.slotOf("{user1000}.following")).isEqualTo(SlotRange.slotOf("user1000"));
    }

    @Test
    void evenlySplit_threeMasters() {
        assertThat(SlotRange.evenlySplit(3)).containsExactly(
                new SlotRange(0, 5460), new SlotRange(5461, 10921), new SlotRange(10922, 16383));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 7, 10, 100})
    void evenlySplit_coversEverySlotOnceWithSizesDifferingByAtMostOne(int masters) {
        List<SlotRange> ranges = SlotRange.evenlySplit(masters);

        assertThat(ranges).hasSize(masters);
        assertThat(ranges.get(0).first()).isZero();
        assertThat(ranges.get(masters - 1).last()).isEqualTo(16383);
        for (int i = 1; i < masters; i++) {
            assertThat(ranges.get(i).first()).isEqualTo(ranges.get(i - 1).last() + 1);
        }
        int smallest = ranges.stream().mapToInt(SlotRange::size).min().orElseThrow();
        int largest = ranges.stream().mapToInt(SlotRange::size).max().orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(1);
        assertThat(ranges.stream().mapToInt(SlotRange::size).sum()).isEqualTo(16384);
    }

    @Test
    void evenlySplit_noMasters() {
        assertThatThrownBy(() -> SlotRange.evenlySplit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_singleSlotAndRange() {
        assertThat(SlotRange.parse("42")).isEqualTo(new SlotRange(42, 42));
        assertThat(SlotRange.parse("0-5460")).isEqualTo(new SlotRange(0, 5460));
    }

    @Test
    void slotArguments_everySlotOfTheRange() {
        assertThat(new SlotRange(3, 6).slotArguments()).containsExactly("3", "4", "5", "6");
    }

    @Test
    void constructor_rejectsSlotsOutsideTheSpace() {
        assertThatThrownBy(() -> new SlotRange(0, 16384)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlotRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
