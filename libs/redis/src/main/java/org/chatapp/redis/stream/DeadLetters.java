package org.chatapp.redis.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.RedisKeys;
import org.chatapp.redis.RedisMode;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.StreamOperations.StreamEntry;

/**
 * Moves an entry to the dead-letter stream: adds it there and acknowledges it in one script when
 * both streams live on one node (always outside a cluster; in a cluster when they share a hash
 * slot), else in two commands, the add first (see {@link StreamWorker} for what a crash leaves).
 */
final class DeadLetters {

    /** Why an entry is moved when no handler failure is at hand: it was delivered too often. */
    static final String MAX_DELIVERIES = "max-deliveries";

    // KEYS[1] the stream, KEYS[2] the dead-letter stream; ARGV[1] group, ARGV[2] id, ARGV[3] consumer,
    // ARGV[4] dead-letter max length, ARGV[5..] field, value, ... Moves the entry only while this consumer
    // owns it: one that another consumer took over meanwhile is theirs to handle or move.
    private static final RedisScript<Long> MOVE = RedisScript.returningLong("""
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
            if #pending == 0 or pending[1][2] ~= ARGV[3] then return 0 end
            local add = {KEYS[2], 'MAXLEN', '~', ARGV[4], '*'}
            for i = 5, #ARGV do add[#add + 1] = ARGV[i] end
            redis.call('XADD', unpack(add))
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """);

    private final RedisService redis;
    private final StreamWorkerOptions options;
    private final boolean atomic;

    DeadLetters(RedisService redis, StreamWorkerOptions options) {
        this.redis = redis;
        this.options = options;
        RedisKeys keys = redis.keys();
        this.atomic = redis.mode() != RedisMode.CLUSTER || keys.slot(options.stream()) == keys.slot(options.deadLetterStream());
    }

    /** Returns whether the move is one atomic script (else two commands). */
    boolean isAtomic() {
        return atomic;
    }

    /**
     * Moves the entry; returns false when it was not this consumer's to move any more (atomic mode only).
     *
     * @throws org.chatapp.redis.RedisServiceException when Redis fails; the entry then stays pending
     */
    boolean move(StreamEntry entry, long deliveries, String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(StreamWorker.DEAD_LETTER_ID, entry.id());
        fields.put(StreamWorker.DEAD_LETTER_STREAM, options.stream());
        fields.put(StreamWorker.DEAD_LETTER_GROUP, options.group());
        fields.put(StreamWorker.DEAD_LETTER_CONSUMER, options.consumer());
        fields.put(StreamWorker.DEAD_LETTER_DELIVERIES, Long.toString(deliveries));
        fields.put(StreamWorker.DEAD_LETTER_REASON, reason);
        entry.fields().forEach(fields::putIfAbsent);
        if (!atomic) {
            redis.streams().add(options.deadLetterStream(), fields, options.deadLetterMaxLength());
            redis.streams().acknowledge(options.stream(), options.group(), entry.id());
            return true;
        }
        List<String> args = new ArrayList<>(4 + fields.size() * 2);
        args.add(options.group());
        args.add(entry.id());
        args.add(options.consumer());
        args.add(Long.toString(options.deadLetterMaxLength()));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return redis.scripts().run(MOVE, List.of(options.stream(), options.deadLetterStream()), args) == 1L;
    }
}
