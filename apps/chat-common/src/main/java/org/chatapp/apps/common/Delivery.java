package org.chatapp.apps.common;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event for the sockets of some users, published once on a {@linkplain
 * Platform#deliveryChannel(String) delivery channel}: every gateway receives it and sends {@code
 * event} to the sockets it holds of the users in {@code to}. One publish per event, not one per
 * user: a message to a group of fifty costs Redis one {@code SPUBLISH}. The event travels as the
 * JSON text a socket is sent, written once by the publisher, so that no gateway decodes and encodes
 * it again. The price is that every gateway reads every event, whether or not it holds one of the
 * users: cheap next to a socket write, and what the Socket.IO Redis adapter does for rooms too.
 *
 * @param to the users whose sockets get the event
 * @param event what a socket is sent: the text of a JSON object
 */
public record Delivery(List<String> to, String event) {

    public Delivery {
        to = List.copyOf(to);
        if (event == null || !event.startsWith("{")) {
            throw new IllegalArgumentException("event must be the text of a JSON object");
        }
    }

    /** Returns a delivery of the event, written as JSON by {@code json} in the map's order. */
    public static Delivery of(List<String> to, Map<String, ?> event, JsonMapper json) {
        return new Delivery(to, json.writeValueAsString(event));
    }
}
