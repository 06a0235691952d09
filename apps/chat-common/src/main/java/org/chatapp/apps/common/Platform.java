package org.chatapp.apps.common;

/**
 * The names the services share in Redis, on the shared client {@value #BUS_CLIENT} (key prefix
 * {@value #BUS_PREFIX}): the event channels the gateways deliver from, the message streams the
 * notification service consumes, and presence. Everything else a service keeps under its own prefix.
 *
 * <p>Events for sockets go out as {@link Delivery deliveries} on {@value #DELIVERY_CHANNELS}
 * delivery channels that every gateway subscribes to: one publish per event, naming its users,
 * however many members a conversation has, and each gateway hands it to the sockets it holds.
 */
public final class Platform {

    /** The named client (chatapp.redis.clients.bus.*) every service uses for what they share. */
    public static final String BUS_CLIENT = "bus";
    public static final String BUS_PREFIX = "bus:";
    /** Event channel of everything the platform broadcasts to every socket (presence changes). */
    public static final String BROADCAST_CHANNEL = "broadcast";
    /** The message streams; a conversation's messages always go to the same one. */
    public static final int MESSAGE_STREAMS = 4;
    /** The consumer group of the notification service on the message streams. */
    public static final String NOTIFICATION_GROUP = "notifications";
    /** The key prefix under which the auth service keeps tokens; the gateway reads it. */
    public static final String AUTH_PREFIX = "auth:";
    /** The key of a token's user, from the SHA-256 of the token (the token itself is never stored). */
    public static final String TOKEN_KEY = "token:";

    private Platform() {
    }

    /**
     * Delivery channels: a conversation's events always take the same one, so they reach a socket
     * in the order they were published; several, so that on a cluster they spread over the masters.
     */
    public static final int DELIVERY_CHANNELS = 8;

    /** Returns the delivery channel of a conversation's events. */
    public static String deliveryChannel(String conversationId) {
        return deliveryChannel(Math.floorMod(conversationId.hashCode(), DELIVERY_CHANNELS));
    }

    /** Returns the delivery channel of one partition. */
    public static String deliveryChannel(int partition) {
        return "delivery." + partition;
    }

    /** Returns the stream a conversation's message events go to. */
    public static String messageStream(String conversationId) {
        return messageStream(Math.floorMod(conversationId.hashCode(), MESSAGE_STREAMS));
    }

    /** Returns the message stream of one partition. */
    public static String messageStream(int partition) {
        // A hash tag: the worker's dead-letter stream ("{messages:0}:dead-letter") lands in the same slot.
        return "{messages:" + partition + "}";
    }
}
