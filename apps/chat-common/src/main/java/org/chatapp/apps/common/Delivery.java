package org.chatapp.apps.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event for the sockets of some users, published once on a {@linkplain
 * Platform#deliveryChannel(String) delivery channel}: every gateway receives it and sends {@code
 * event} to the sockets it holds of the users in {@code to}. One publish per event, not one per
 * user: a message to a group of fifty costs Redis one {@code SPUBLISH}, and each gateway writes its
 * JSON once. The price is that every gateway reads every event, whether or not it holds one of the
 * users: cheap next to a socket write, and what the Socket.IO Redis adapter does for rooms too.
 *
 * @param to the users whose sockets get the event
 * @param event what a socket is sent, as JSON
 */
public record Delivery(List<String> to, Map<String, Object> event) {

    public Delivery {
        to = List.copyOf(to);
        event = Collections.unmodifiableMap(new LinkedHashMap<>(event)); // kept in its order: a socket gets the fields as they were put
    }
}
