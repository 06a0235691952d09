package org.chatapp.apps.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void of_eventMap_isTheJsonASocketIsSentInTheMapsOrder() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message.created");
        event.put("text", "<b>\"hi\"</b>");

        Delivery delivery = Delivery.of(List.of("u1", "u2"), event, JSON);

        assertThat(delivery.event()).isEqualTo("{\"type\":\"message.created\",\"text\":\"<b>\\\"hi\\\"</b>\"}");
        assertThat(delivery.to()).containsExactly("u1", "u2");
    }

    @Test
    void new_eventNotAJsonObject_isRefused() {
        assertThatThrownBy(() -> new Delivery(List.of("u1"), "message.created")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event");
    }

    @Test
    void json_roundTrip_keepsTheEventText() {
        Delivery delivery = Delivery.of(List.of("u1"), Map.of("type", "typing"), JSON);

        Delivery read = JSON.readValue(JSON.writeValueAsString(delivery), Delivery.class);

        assertThat(read).isEqualTo(delivery);
    }
}
