package org.chatapp.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's handlers in every connection's pipeline ({@link WriteCoalescing}, {@link
 * ReplayGuard}), followed by a {@link NettyCustomizer} of the user's, if any.
 */
final class ChannelSetup implements NettyCustomizer {

    private final List<NettyCustomizer> steps;

    private ChannelSetup(List<NettyCustomizer> steps) {
        this.steps = steps;
    }

    /**
     * Returns a resources builder on which setting a {@link NettyCustomizer} adds it after the
     * library's handlers instead of replacing them: the replay guard is needed for correctness,
     * so no customizer may drop it. Every other setting goes to {@code builder} unchanged.
     */
    static ClientResources.Builder keepingLibraryHandlers(ClientResources.Builder builder) {
        builder.nettyCustomizer(libraryHandlersThen(List.of()));
        // A proxy rather than a hand-written delegate, so settings Lettuce adds later pass through too.
        return (ClientResources.Builder) Proxy.newProxyInstance(ClientResources.Builder.class.getClassLoader(),
                new Class<?>[] {ClientResources.Builder.class}, (proxy, method, arguments) -> {
                    Object[] actual = arguments;
                    if (method.getName().equals("nettyCustomizer") && arguments.length == 1
                            && arguments[0] instanceof NettyCustomizer user) {
                        actual = new Object[] {libraryHandlersThen(List.of(user))};
                    }
                    Object result;
                    try {
                        result = method.invoke(builder, actual);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return result == builder ? proxy : result;
                });
    }

    private static ChannelSetup libraryHandlersThen(List<NettyCustomizer> user) {
        List<NettyCustomizer> steps = new ArrayList<>(List.of(new WriteCoalescing(), new ReplayGuard()));
        steps.addAll(user);
        return new ChannelSetup(List.copyOf(steps));
    }

    @Override
    public void afterBootstrapInitialized(Bootstrap bootstrap) {
        steps.forEach(step -> step.afterBootstrapInitialized(bootstrap));
    }

    @Override
    public void afterChannelInitialized(Channel channel) {
        steps.forEach(step -> step.afterChannelInitialized(channel));
    }
}
