package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    record MessageCreated(String conversationId, String text, Instant at) {
    }

    @Test
    void json_record_roundTrips() {
        ValueCodec<MessageCreated> codec = ValueCodec.json(MessageCreated.class);
        MessageCreated event = new MessageCreated("c1", "héllo", Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void json_bytesOfAnotherShape_failNamingTheType() {
        ValueCodec<MessageCreated> codec = ValueCodec.json(MessageCreated.class);

        assertThatThrownBy(() -> codec.decode("[1,2,3]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ValueCodecException.class, e -> assertThat(e.type()).isEqualTo(MessageCreated.class.getName()))
                .hasMessageContaining("not a JSON MessageCreated");
    }

    @Test
    void json_nullValue_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValueCodec.json(MessageCreated.class).encode(null))
                .withMessageContaining("value");
    }

    @Test
    void string_roundTripsUtf8() {
        assertThat(ValueCodec.string().decode(ValueCodec.string().encode("héllo"))).isEqualTo("héllo");
    }

    @Test
    void bytes_areKeptAsTheyAre() {
        byte[] value = {0, -1, 42};

        assertThat(ValueCodec.bytes().decode(ValueCodec.bytes().encode(value))).isSameAs(value);
    }
}
