package org.chatapp.redis;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;

/**
 * Batches the commands of concurrent callers into one socket write per event-loop turn: the
 * auto-pipelining ioredis is known for, done where it is cheapest, in each connection's pipeline.
 *
 * <p>Lettuce flushes every command on its own, one {@code write(2)} per command. With this handler
 * a flush that arrives while the loop still has writes queued, or while it is reading replies, is
 * deferred to the end of that turn, so every command issued meanwhile leaves in the same write.
 * A lone command pays one extra task on the loop, no extra system call, and no wait for a timer.
 */
final class WriteCoalescing implements NettyCustomizer {

    static final String HANDLER_NAME = "chatapp-write-coalescing";

    /** A flush is forced after this many deferred ones, so a busy loop never holds a batch for long. */
    private static final int MAX_DEFERRED_FLUSHES = 256;

    @Override
    public void afterChannelInitialized(Channel channel) {
        // Next to the socket, so it sees every flush and every read (it needs to know a read is in
        // progress); with TLS just above the SslHandler, so a batch is also encrypted in one go.
        FlushConsolidationHandler handler = new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES, true);
        ChannelHandlerContext tls = channel.pipeline().context(SslHandler.class);
        if (tls == null) {
            channel.pipeline().addFirst(HANDLER_NAME, handler);
        } else {
            channel.pipeline().addAfter(tls.name(), HANDLER_NAME, handler);
        }
    }
}
