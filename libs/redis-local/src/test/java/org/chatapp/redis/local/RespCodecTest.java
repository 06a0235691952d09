package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespCodecTest {

    @Test
    void encode_commandIsArrayOfBulkStrings() {
        byte[] encoded = RespCodec.encode(List.of("SET", "key", "välue"));

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n");
    }

    @Test
    void encode_emptyArgumentIsEmptyBulkString() {
        assertThat(new String(RespCodec.encode(List.of("ECHO", "")), StandardCharsets.US_ASCII))
                .isEqualTo("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n");
    }

    @Test
    void encode_noArguments() {
        assertThatThrownBy(() -> RespCodec.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_simpleString() throws IOException {
        assertThat(RespCodec.decode(stream("+PONG\r\n"))).isEqualTo("PONG");
    }

    @Test
    void decode_integer() throws IOException {
        assertThat(RespCodec.decode(stream(":-42\r\n"))).isEqualTo(-42L);
    }

    @Test
    void decode_bulkStringWithCrlfInside() throws IOException {
        assertThat(RespCodec.decode(stream("$6\r\na\r\nb\u00e4\r\n"))).isEqualTo("a\r\nbä");
    }

    @Test
    void decode_nilBulkStringAndNilArray() throws IOException {
        assertThat(RespCodec.decode(stream("$-1\r\n"))).isNull();
        assertThat(RespCodec.decode(stream("*-1\r\n"))).isNull();
    }

    @Test
    void decode_nestedArray() throws IOException {
        Object reply = RespCodec.decode(stream("*3\r\n:1\r\n*2\r\n+a\r\n$-1\r\n$1\r\nb\r\n"));

        assertThat(reply).isEqualTo(List.of(1L, Arrays.asList("a", null), "b"));
    }

    @Test
    void decode_errorThrowsWithServerMessage() {
        assertThatThrownBy(() -> RespCodec.decode(stream("-WRONGTYPE Operation against a key\r\n")))
                .isInstanceOf(LocalRedisException.class)
                .hasMessage("WRONGTYPE Operation against a key");
    }

    @Test
    void decode_errorInsideArrayIsThrownAfterTheWholeReplyIsRead() throws IOException {
        InputStream in = stream("*2\r\n-ERR first\r\n:5\r\n+NEXT\r\n");

        assertThatThrownBy(() -> RespCodec.decode(in)).hasMessage("ERR first");
        assertThat(RespCodec.decode(in)).isEqualTo("NEXT");
    }

    @Test
    void decode_truncatedReply() {
        assertThatThrownBy(() -> RespCodec.decode(stream("$10\r\nabc"))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> RespCodec.decode(stream(""))).isInstanceOf(EOFException.class);
    }

    @Test
    void decode_unknownType() {
        assertThatThrownBy(() -> RespCodec.decode(stream("%1\r\n"))).isInstanceOf(IOException.class)
                .hasMessageContaining("unexpected RESP type '%'");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
