package org.chatapp.redis.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;

/**
 * Looks up how many times the group has delivered entries ({@code XPENDING} per id, in one script,
 * one round trip): needed for entries read back from a pending list or claimed, whose replies do
 * not carry the count. An entry no longer pending (acknowledged meanwhile) counts 0.
 */
final class DeliveryCounts {

    // KEYS[1] the stream; ARGV[1] the group, ARGV[2..] the ids.
    private static final RedisScript<List<Object>> COUNTS = RedisScript.returningList("""
            local counts = {}
            for i = 2, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if #pending == 0 then counts[i - 1] = 0 else counts[i - 1] = pending[1][4] end
            end
            return counts
            """);

    private final RedisService redis;
    private final String stream;
    private final String group;

    DeliveryCounts(RedisService redis, String stream, String group) {
        this.redis = redis;
        this.stream = stream;
        this.group = group;
    }

    /** Returns each id's delivery count, 0 for an id no longer pending. */
    Map<String, Long> of(List<String> ids) {
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(group);
        args.addAll(ids);
        List<Object> counts = redis.scripts().run(COUNTS, List.of(stream), args);
        Map<String, Long> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), counts.get(i) instanceof Long count ? count : 0L);
        }
        return byId;
    }
}
