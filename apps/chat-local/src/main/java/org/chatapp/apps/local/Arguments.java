package org.chatapp.apps.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line as Spring reads it ({@code --name=value}), to decide what chat-local starts itself. */
final class Arguments {

    private final String[] args;
    private final Map<String, String> values;

    private Arguments(String[] args, Map<String, String> values) {
        this.args = args;
        this.values = values;
    }

    static Arguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "" : arg.substring(equals + 1));
            }
        }
        return new Arguments(args.clone(), values);
    }

    String get(String name) {
        String value = values.get(name);
        return value != null ? value : System.getProperty(name);
    }

    /** Whether the command line names a Redis to use instead of a local cluster. */
    boolean namesRedis() {
        return get("chatapp.redis.nodes") != null || get("chatapp.redis.host") != null || get("chatapp.redis.sentinel.master") != null;
    }

    String[] all() {
        return args.clone();
    }

    /** Returns the arguments less those setting the given properties. */
    String[] without(String... names) {
        Set<String> drop = Set.of(names);
        List<String> kept = new ArrayList<>();
        for (String arg : args) {
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : null;
            if (name == null || !drop.contains(name)) {
                kept.add(arg);
            }
        }
        return kept.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "Arguments" + Arrays.toString(values.keySet().toArray()); // names only: values may be passwords
    }
}
