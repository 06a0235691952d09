package org.chatapp.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ReadOnlyCommands;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.Set;

/**
 * Fails the writes whose fate a lost connection leaves unknown, where Lettuce would send them again.
 *
 * <p>When a connection drops, Lettuce moves every command it had written and not seen answered
 * into the buffer it replays after reconnecting (on a cluster, possibly to a promoted replica).
 * A write among them may already have been applied: replayed, an INCR counts twice, an RPUSH or
 * XADD stores a duplicate, a SET NX answers false to the caller whose value it stored. This
 * handler, at the head of each connection's pipeline, hears of the closed channel before
 * Lettuce's {@link CommandHandler} does, and completes such commands with {@link UnknownOutcome}
 * ({@link RedisOutcomeUnknownException} for the caller). Lettuce skips completed commands when it
 * replays. Reads, which are safe to repeat, and commands that never reached the socket are still
 * sent again after the reconnect. Runs on the channel's event loop, which owns the command stack.
 */
final class ReplayGuard extends ChannelInboundHandlerAdapter implements NettyCustomizer {

    static final String HANDLER_NAME = "chatapp-replay-guard";

    /** Commands that change no data, beside the reads Lettuce lists. */
    private static final Set<ProtocolKeyword> HARMLESS = Set.of(CommandType.AUTH, CommandType.HELLO, CommandType.PING,
            CommandType.SELECT, CommandType.READONLY, CommandType.QUIT, CommandType.WAIT);

    /** Installs a guard of its own on each new channel. */
    @Override
    public void afterChannelInitialized(Channel channel) {
        channel.pipeline().addFirst(HANDLER_NAME, new ReplayGuard());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        failUnansweredWrites(ctx);
        super.channelInactive(ctx);
    }

    /** A broken connection (reset by the peer) is about to close; its head command would get the bare I/O error. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException) {
            failUnansweredWrites(ctx);
        }
        super.exceptionCaught(ctx, cause);
    }

    private static void failUnansweredWrites(ChannelHandlerContext ctx) {
        CommandHandler handler = ctx.pipeline().get(CommandHandler.class);
        if (handler == null) {
            return;
        }
        for (RedisCommand<?, ?, ?> command : handler.getStack()) {
            if (!command.isDone() && !isSafeToRepeat(command.getType())) {
                command.completeExceptionally(new UnknownOutcome(String.valueOf(ctx.channel().remoteAddress())));
            }
        }
    }

    static boolean isSafeToRepeat(ProtocolKeyword type) {
        return ReadOnlyCommands.isReadOnlyCommand(type) || HARMLESS.contains(type);
    }

    /** The connection closed after the command was written and before its reply arrived. */
    static final class UnknownOutcome extends RedisException {

        private static final long serialVersionUID = 1L;

        UnknownOutcome(String address) {
            super("the connection to " + address + " was lost after the command was sent and before its reply,"
                    + " so it may or may not have been applied; it is not sent again");
        }
    }
}
