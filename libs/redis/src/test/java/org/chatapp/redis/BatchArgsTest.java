package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.protocol.CommandType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A batch command's bytes are exactly what Redis reads, however long its arguments. */
class BatchArgsTest {

    @Test
    void encode_keyAndArguments_writesARespArrayOfBulkStrings() {
        BatchArgs args = BatchArgs.ofKey(bytes("p:user:1"), 1).value(bytes("héllo")).word("PX").number(1500L);

        assertThat(encoded(CommandType.SET, args))
                .isEqualTo("*5\r\n$3\r\nSET\r\n$8\r\np:user:1\r\n$6\r\nhéllo\r\n$2\r\nPX\r\n$4\r\n1500\r\n");
    }

    @Test
    void encode_argumentLongerThanTheLengthTable_writesItsLength() {
        String big = "x".repeat(5000);
        BatchArgs args = BatchArgs.ofKey(bytes("k"), 1).value(bytes(big));

        assertThat(encoded(CommandType.SET, args)).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000\r\n" + big + "\r\n");
    }

    @Test
    void encode_manyArguments_countsThemAll() {
        BatchArgs args = BatchArgs.ofKey(bytes("k"), 1);
        for (int i = 0; i < 200; i++) {
            args.value(bytes("m"));
        }

        assertThat(encoded(CommandType.SADD, args)).startsWith("*202\r\n$4\r\nSADD\r\n$1\r\nk\r\n$1\r\nm\r\n").hasSize(6 + 10 + 7 + 200 * 7);
    }

    @Test
    void number_infiniteScore_isWrittenAsRedisReadsIt() {
        BatchArgs args = BatchArgs.ofKey(bytes("z"), 1).number(Double.POSITIVE_INFINITY).number(Double.NEGATIVE_INFINITY).number(2.5);

        assertThat(encoded(CommandType.ZADD, args)).endsWith("$4\r\n+inf\r\n$4\r\n-inf\r\n$3\r\n2.5\r\n");
    }

    @Test
    void toCommandArgs_firstKey_isWhatLettuceRoutesBy() {
        BatchArgs args = new BatchArgs(3).word("sha").number(1L).key(bytes("p:{room}:a")).value(bytes("v"));

        ByteBuffer firstKey = args.toCommandArgs().getFirstEncodedKey();

        assertThat(StandardCharsets.UTF_8.decode(firstKey).toString()).isEqualTo("p:{room}:a");
    }

    private static String encoded(CommandType type, BatchArgs args) {
        ByteBuf buffer = Unpooled.buffer();
        args.encode(type, buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
