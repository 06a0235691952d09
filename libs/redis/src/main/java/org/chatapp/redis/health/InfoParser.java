package org.chatapp.redis.health;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the {@code key:value} lines of INFO and CLUSTER INFO replies. */
final class InfoParser {

    private InfoParser() {
    }

    static Map<String, String> parse(String reply) {
        Map<String, String> values = new LinkedHashMap<>();
        if (reply == null) {
            return values;
        }
        for (String line : reply.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    static int intValue(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
