package org.chatapp.redis.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A contiguous range of cluster hash slots, both ends included. */
record SlotRange(int first, int last) {

    static final int SLOT_COUNT = 16384;

    SlotRange {
        if (first < 0 || last >= SLOT_COUNT || first > last) {
            throw new IllegalArgumentException("not a slot range: " + first + "-" + last);
        }
    }

    /** Returns the 16384 slots split into {@code masters} contiguous ranges whose sizes differ by at most one. */
    /**
     * Returns the cluster slot of a key as Redis computes it: CRC16 (XMODEM) modulo 16384 of the
     * key, or of its hash tag (the text between the first {@code {} and the next {@code }}) when
     * that is not empty.
     */
    static int slotOf(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        int to = bytes.length;
        int open = indexOf(bytes, '{', 0);
        int close = indexOf(bytes, '}', open + 1);
        if (close < bytes.length && close > open + 1) {
            from = open + 1;
            to = close;
        }
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return (crc & 0xffff) % SLOT_COUNT;
    }

    private static int indexOf(byte[] bytes, char wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    static List<SlotRange> evenlySplit(int masters) {
        if (masters < 1 || masters > SLOT_COUNT) {
            throw new IllegalArgumentException("cannot split the slots among " + masters + " masters");
        }
        List<SlotRange> ranges = new ArrayList<>(masters);
        for (int i = 0; i < masters; i++) {
            int first = (int) ((long) i * SLOT_COUNT / masters);
            int last = (int) ((long) (i + 1) * SLOT_COUNT / masters) - 1;
            ranges.add(new SlotRange(first, last));
        }
        return ranges;
    }

    /** Parses one slot entry of {@code CLUSTER NODES}: {@code 42} or {@code 0-5460}. */
    static SlotRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int slot = Integer.parseInt(text);
            return new SlotRange(slot, slot);
        }
        return new SlotRange(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
    }

    int size() {
        return last - first + 1;
    }

    boolean contains(int slot) {
        return slot >= first && slot <= last;
    }

    /** Returns every slot as its own argument, the form {@code CLUSTER ADDSLOTS} takes on Redis 6.2. */
    List<String> slotArguments() {
        List<String> slots = new ArrayList<>(size());
        for (int slot = first; slot <= last; slot++) {
            slots.add(Integer.toString(slot));
        }
        return slots;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
