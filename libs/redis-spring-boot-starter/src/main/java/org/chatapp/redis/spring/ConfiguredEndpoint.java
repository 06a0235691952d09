package org.chatapp.redis.spring;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Whether {@code chatapp.redis.*} names a Redis endpoint, and by which property. */
final class ConfiguredEndpoint {

    private static final List<String> SINGLE_PROPERTIES = List.of("host", "port", "sentinel.master");
    private static final List<String> LIST_PROPERTIES = List.of("nodes", "sentinel.nodes");

    /** The properties that name an endpoint, for messages. */
    static final String PROPERTY_NAMES = "chatapp.redis.host, port, nodes or sentinel.*";

    private ConfiguredEndpoint() {
    }

    /** Returns the first endpoint property set, such as {@code chatapp.redis.nodes}, if any. */
    static Optional<String> firstSetProperty(Environment environment) {
        for (String property : SINGLE_PROPERTIES) {
            String name = ChatappRedisProperties.PREFIX + "." + property;
            if (environment.containsProperty(name)) {
                return Optional.of(name);
            }
        }
        Binder binder = Binder.get(environment);
        for (String list : LIST_PROPERTIES) {
            String name = ChatappRedisProperties.PREFIX + "." + list;
            if (binder.bind(name, Bindable.listOf(String.class)).map(values -> !values.isEmpty()).orElse(false)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
