package org.chatapp.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of a batch command as the bytes Redis reads, encoded straight into the write
 * buffer. Lettuce's {@link CommandArgs} costs a list and a wrapper per argument and writes each
 * length digit by digit through a string; a batch writes thousands of commands at once, where
 * that showed in profiles. Lettuce's form is still made, on demand, for the rare command that
 * goes through Lettuce's own routing (a redirect, a slot without a master, a sentinel setup).
 */
final class BatchArgs {

    private static final byte[] CRLF = {'\r', '\n'};
    /** {@code $n\r\n} for the lengths most arguments have. */
    private static final byte[][] LENGTHS = new byte[1024][];
    /** {@code *n\r\n} for the argument counts most commands have. */
    private static final byte[][] COUNTS = new byte[128][];

    static {
        for (int n = 0; n < LENGTHS.length; n++) {
            LENGTHS[n] = ("$" + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        for (int n = 0; n < COUNTS.length; n++) {
            COUNTS[n] = ("*" + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[][] parts;
    private int size;
    /** The position of the first key, by which Lettuce routes a command on a cluster; -1 for none. */
    private int firstKey = -1;

    BatchArgs(int expected) {
        this.parts = new byte[Math.max(expected, 1)][];
    }

    /** Arguments that start with a key. */
    static BatchArgs ofKey(byte[] rawKey, int expected) {
        return new BatchArgs(expected).key(rawKey);
    }

    BatchArgs key(byte[] rawKey) {
        if (firstKey < 0) {
            firstKey = size;
        }
        return append(rawKey);
    }

    BatchArgs keys(byte[][] rawKeys) {
        for (byte[] rawKey : rawKeys) {
            key(rawKey);
        }
        return this;
    }

    BatchArgs value(byte[] value) {
        return append(value);
    }

    BatchArgs values(byte[][] values) {
        for (byte[] value : values) {
            value(value);
        }
        return this;
    }

    BatchArgs number(long number) {
        return append(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
    }

    /** A score, as Redis reads one: infinities as {@code +inf} and {@code -inf}. */
    BatchArgs number(double number) {
        String text = Double.isInfinite(number) ? (number > 0 ? "+inf" : "-inf") : Double.toString(number);
        return append(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A keyword or other ASCII word, such as {@code NX} or {@code *}. */
    BatchArgs word(String word) {
        return append(word.getBytes(StandardCharsets.US_ASCII));
    }

    private BatchArgs append(byte[] part) {
        if (size == parts.length) {
            parts = Arrays.copyOf(parts, size * 2);
        }
        parts[size++] = part;
        return this;
    }

    /**
     * Writes the command in RESP: an array of the command's name and the arguments, as bulk
     * strings. The bytes are put together on the heap and written in one call: a write into the
     * (direct) buffer has a fixed cost that, paid seven times for a GET, showed in profiles.
     */
    void encode(ProtocolKeyword type, ByteBuf target) {
        byte[] name = type.getBytes();
        int length = header(COUNTS, '*', size + 1).length + bulkLength(name);
        for (int i = 0; i < size; i++) {
            length += bulkLength(parts[i]);
        }
        byte[] out = new byte[length];
        int at = put(out, 0, header(COUNTS, '*', size + 1));
        at = putBulk(out, at, name);
        for (int i = 0; i < size; i++) {
            at = putBulk(out, at, parts[i]);
        }
        target.writeBytes(out);
    }

    private static int bulkLength(byte[] bytes) {
        return header(LENGTHS, '$', bytes.length).length + bytes.length + CRLF.length;
    }

    private static int putBulk(byte[] out, int at, byte[] bytes) {
        at = put(out, at, header(LENGTHS, '$', bytes.length));
        at = put(out, at, bytes);
        return put(out, at, CRLF);
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    /** {@code *n\r\n} or {@code $n\r\n}, from the table when it holds n. */
    private static byte[] header(byte[][] table, char marker, int n) {
        return n < table.length ? table[n] : (marker + Integer.toString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The same arguments as Lettuce's own, the first key marked as a key: Lettuce routes a command
     * by it (the others are in the same slot, or Redis refuses the command).
     */
    CommandArgs<byte[], byte[]> toCommandArgs() {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (int i = 0; i < size; i++) {
            if (i == firstKey) {
                args.addKey(parts[i]);
            } else {
                args.add(parts[i]);
            }
        }
        return args;
    }
}
