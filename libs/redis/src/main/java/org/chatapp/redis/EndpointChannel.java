package org.chatapp.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.protocol.CommandExpiryWriter;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.netty.channel.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the Netty channel under a Lettuce connection, so that a batch can be written to it whole.
 *
 * <p>Lettuce writes each command as a task of its own on the event loop, also when handed many at
 * once; its {@code CommandHandler} takes a whole collection in one write and encodes it into one
 * buffer, but only the endpoint, which keeps the channel to itself, could hand it one. The channel
 * is read from the endpoint's field. When that is not possible (another Lettuce version, another
 * kind of connection), {@link #of} answers null and batches go through Lettuce's own dispatch:
 * slower, the same outcome; {@code EndpointChannelTest} fails when the fast path is lost.
 */
final class EndpointChannel {

    private static final VarHandle CHANNEL = channelField();

    private EndpointChannel() {
    }

    private static VarHandle channelField() {
        try {
            return MethodHandles.privateLookupIn(DefaultEndpoint.class, MethodHandles.lookup())
                    .findVarHandle(DefaultEndpoint.class, "channel", Channel.class);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }

    /** Returns whether channels can be found at all with the Lettuce on the class path. */
    static boolean available() {
        return CHANNEL != null;
    }

    /**
     * Returns the channel of an open, active connection, ready for commands (handshake done), or
     * null when there is none or it cannot be found; the caller then uses the connection's dispatch.
     */
    static Channel of(StatefulConnection<?, ?> connection) {
        if (CHANNEL == null || !connection.isOpen() || !(connection instanceof RedisChannelHandler<?, ?> handler)) {
            return null;
        }
        RedisChannelWriter writer = handler.getChannelWriter();
        while (writer instanceof CommandExpiryWriter expiry) {
            writer = expiry.getDelegate();
        }
        if (!(writer instanceof DefaultEndpoint endpoint)) {
            return null;
        }
        Channel channel = (Channel) CHANNEL.getVolatile(endpoint);
        return channel != null && channel.isActive() ? channel : null;
    }
}
