package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelSetupTest {

    @Test
    void keepingLibraryHandlers_noCustomizerOfTheUsers_installsCoalescingAndReplayGuard() {
        ClientResources resources = ChannelSetup.keepingLibraryHandlers(DefaultClientResources.builder()).build();
        try {
            EmbeddedChannel channel = new EmbeddedChannel();
            resources.nettyCustomizer().afterChannelInitialized(channel);

            assertThat(channel.pipeline().names()).contains(WriteCoalescing.HANDLER_NAME, ReplayGuard.HANDLER_NAME);
        } finally {
            resources.shutdown(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void keepingLibraryHandlers_customizerOfTheUsers_runsAfterTheLibrarysInsteadOfReplacingThem() {
        ClientResources.Builder builder = ChannelSetup.keepingLibraryHandlers(DefaultClientResources.builder());
        ClientResources resources = builder.nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addLast("users", new ChannelInboundHandlerAdapter());
            }
        }).ioThreadPoolSize(2).build();
        try {
            EmbeddedChannel channel = new EmbeddedChannel();
            resources.nettyCustomizer().afterChannelInitialized(channel);

            assertThat(channel.pipeline().names()).contains(WriteCoalescing.HANDLER_NAME, ReplayGuard.HANDLER_NAME, "users");
            assertThat(resources.ioThreadPoolSize()).isEqualTo(2);
        } finally {
            resources.shutdown(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
