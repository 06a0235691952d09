package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ValueCodecException;
import org.junit.jupiter.api.Test;

class TypedJsonCodecTest {

    /** A value as an application would cache it. */
    record Room(String id, String title, List<String> members) {
    }

    enum Kind { DIRECT, GROUP }

    /** A mutable bean with a field of a declared type that is not final. */
    public static class Profile {
        public String name;
        public Object avatar;
    }

    private final TypedJsonCodec codec = TypedJsonCodec.trusting(List.of("org.chatapp.redis.cache"));

    private Object roundTrip(Object value) {
        return codec.decode(codec.encode(value));
    }

    @Test
    void roundTrip_record_readsBackTheRecord() {
        Room room = new Room("42", "General", List.of("ada", "bob"));

        assertThat(roundTrip(room)).isEqualTo(room);
    }

    @Test
    void roundTrip_listOfRecords_readsBackAListOfRecords() {
        List<Room> rooms = new ArrayList<>(List.of(new Room("1", "a", List.of()), new Room("2", "b", List.of("c"))));

        assertThat(roundTrip(rooms)).isEqualTo(rooms);
        assertThat((List<?>) roundTrip(rooms)).first().isInstanceOf(Room.class);
    }

    @Test
    void roundTrip_immutableCollections_readBackEqual() {
        assertThat(roundTrip(List.of(new Room("1", "a", List.of())))).isEqualTo(List.of(new Room("1", "a", List.of())));
        assertThat(roundTrip(Map.of("k", 1L))).isEqualTo(Map.of("k", 1L));
        assertThat(roundTrip(Set.of("x"))).isEqualTo(Set.of("x"));
    }

    @Test
    void roundTrip_jdkScalars_keepTheirTypes() {
        assertThat(roundTrip(5L)).isEqualTo(5L);
        assertThat(roundTrip("text")).isEqualTo("text");
        assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(roundTrip(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(roundTrip(Kind.GROUP)).isEqualTo(Kind.GROUP);
        assertThat(roundTrip(new LinkedHashMap<>(Map.of("n", 7)))).isEqualTo(Map.of("n", 7));
    }

    @Test
    void roundTrip_fieldOfDeclaredTypeObject_keepsTheFieldsType() {
        Profile profile = new Profile();
        profile.name = "ada";
        profile.avatar = 12L;

        Profile read = (Profile) roundTrip(profile);

        assertThat(read.name).isEqualTo("ada");
        assertThat(read.avatar).isEqualTo(12L);
    }

    @Test
    void encode_classOutsideTheTrustedPackages_isRefusedNamingTheClass() {
        TypedJsonCodec elsewhere = TypedJsonCodec.trusting(List.of("com.example"));

        assertThatIllegalArgumentException().isThrownBy(() -> elsewhere.encode(new Room("1", "a", List.of())))
                .withMessageContaining(Room.class.getName());
    }

    @Test
    void decode_storedClassOutsideTheTrustedPackages_isACodecFailureNotAnInstance() {
        byte[] stored = codec.encode(new Room("1", "a", List.of()));
        TypedJsonCodec elsewhere = TypedJsonCodec.trusting(List.of("com.example"));

        assertThatThrownBy(() -> elsewhere.decode(stored)).isInstanceOf(ValueCodecException.class);
    }

    @Test
    void decode_gadgetClassNamedInJson_isRefused() {
        byte[] stored = "[\"java.lang.ProcessBuilder\",{\"command\":[\"true\"]}]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(stored)).isInstanceOf(ValueCodecException.class);
    }

    @Test
    void trusting_badPackageName_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TypedJsonCodec.trusting(List.of("com.example.*")))
                .isInstanceOfSatisfying(InvalidRedisOptionException.class,
                        invalid -> assertThat(invalid.setting()).isEqualTo("trustedPackages"));
    }
}
