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
    private boolean[] isKey;
    private int size;

    BatchArgs(int expected) {
        this.parts = new byte[Math.max(expected, 1)][];
        this.isKey = new boolean[parts.length];
    }

    /** Arguments that start with a key. */
    static BatchArgs ofKey(byte[] rawKey, int expected) {
        return new BatchArgs(expected).key(rawKey);
    }

    BatchArgs key(byte[] rawKey) {
        return append(rawKey, true);
    }

    BatchArgs keys(byte[][] rawKeys) {
        for (byte[] rawKey : rawKeys) {
            key(rawKey);
        }
        return this;
    }

    BatchArgs value(byte[] value) {
        return append(value, false);
    }

    BatchArgs values(byte[][] values) {
        for (byte[] value : values) {
            value(value);
        }
        return this;
    }

    BatchArgs number(long number) {
        return append(Long.toString(number).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** A score, as Redis reads one: infinities as {@code +inf} and {@code -inf}. */
    BatchArgs number(double number) {
        String text = Double.isInfinite(number) ? (number > 0 ? "+inf" : "-inf") : Double.toString(number);
        return append(text.getBytes(StandardCharsets.US_ASCII), false);
    }

    /** A keyword or other ASCII word, such as {@code NX} or {@code *}. */
    BatchArgs word(String word) {
        return append(word.getBytes(StandardCharsets.US_ASCII), false);
    }

    private BatchArgs append(byte[] part, boolean key) {
        if (size == parts.length) {
            parts = Arrays.copyOf(parts, size * 2);
            isKey = Arrays.copyOf(isKey, size * 2);
        }
        parts[size] = part;
        isKey[size] = key;
        size++;
        return this;
    }

    /** Writes the command in RESP: an array of the command's name and the arguments, as bulk strings. */
    void encode(ProtocolKeyword type, ByteBuf target) {
        writeCount(target, size + 1);
        writeBulk(target, type.getBytes());
        for (int i = 0; i < size; i++) {
            writeBulk(target, parts[i]);
        }
    }

    private static void writeCount(ByteBuf target, int count) {
        if (count < COUNTS.length) {
            target.writeBytes(COUNTS[count]);
        } else {
            target.writeBytes(("*" + count + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void writeBulk(ByteBuf target, byte[] bytes) {
        if (bytes.length < LENGTHS.length) {
            target.writeBytes(LENGTHS[bytes.length]);
        } else {
            target.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        target.writeBytes(bytes);
        target.writeBytes(CRLF);
    }

    /** The same arguments as Lettuce's own, keys marked as keys so that Lettuce can route by them. */
    CommandArgs<byte[], byte[]> toCommandArgs() {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (int i = 0; i < size; i++) {
            if (isKey[i]) {
                args.addKey(parts[i]);
            } else {
                args.add(parts[i]);
            }
        }
        return args;
    }
}
