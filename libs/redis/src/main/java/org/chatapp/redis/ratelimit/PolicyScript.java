package org.chatapp.redis.ratelimit;

import java.util.List;
import org.chatapp.redis.RedisScript;

/**
 * The Lua script that decides for one kind of policy, and the policy's settings as the script's
 * arguments. Every script takes {@code KEYS[1]} and {@code ARGV = now, grace, settings..., permits},
 * where {@code now} is milliseconds since the epoch or {@code server} for the server's {@code TIME}
 * and {@code grace} the milliseconds a key outlives its state (0 with the server's clock, which is
 * also the clock keys expire by), and returns
 * {@code {allowed (1 or 0), remaining, retryAfterMs, resetAfterMs}}.
 *
 * <p>Lua numbers are doubles: every time, count and level stays below 2^53, where they are exact
 * integers, and a quotient of two such integers rounds to the right side of every integer, so
 * {@code math.floor} and {@code math.ceil} of it are exact. A time behind the key's stored state (a
 * promoted replica whose clock is behind, a test clock stepped back) counts as the stored time, so
 * no state moves backwards and no entry is named twice.
 *
 * @param kind the policy's kind as it appears in keys
 * @param script the script
 * @param settings the policy's settings, the arguments between {@code grace} and {@code permits}
 */
record PolicyScript(String kind, RedisScript<List<Object>> script, List<String> settings) {

    /** Reads the clock: the caller's milliseconds, or the server's {@code TIME} truncated to milliseconds. */
    private static final String NOW = """
            local function now_ms(arg)
              if arg ~= 'server' then
                return tonumber(arg)
              end
              -- Before Redis 5 a script had to ask for effects replication to write after TIME.
              if redis.replicate_commands then
                redis.replicate_commands()
              end
              local time = redis.call('TIME')
              return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            end
            """;

    /**
     * Hash {@code start, end, count}. A stored window is kept until its own end, so a changed window
     * length takes effect at the next window.
     */
    private static final RedisScript<List<Object>> FIXED_WINDOW = RedisScript.returningList(NOW + """
            local now = now_ms(ARGV[1])
            local grace = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            local window = tonumber(ARGV[4])
            local permits = tonumber(ARGV[5])
            local state = redis.call('HMGET', KEYS[1], 'start', 'end', 'count')
            local window_start = tonumber(state[1])
            local window_end = tonumber(state[2])
            local count = tonumber(state[3])
            if window_start == nil or window_end == nil or count == nil or now >= window_end then
              window_start = now - now % window
              window_end = window_start + window
              count = 0
            elseif now < window_start then
              now = window_start
            end
            local reset_after = window_end - now
            if count + permits > limit then
              return {0, math.max(limit - count, 0), reset_after, reset_after}
            end
            count = count + permits
            redis.call('HSET', KEYS[1], 'start', window_start, 'end', window_end, 'count', count)
            redis.call('PEXPIRE', KEYS[1], reset_after + grace)
            return {1, limit - count, 0, reset_after}
            """);

    /**
     * Sorted set of one member per permit, scored by its time and named {@code time:n}, n counting
     * the entries then in the window: unique, because for one time the count only grows.
     */
    private static final RedisScript<List<Object>> SLIDING_WINDOW = RedisScript.returningList(NOW + """
            local now = now_ms(ARGV[1])
            local grace = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            local window = tonumber(ARGV[4])
            local permits = tonumber(ARGV[5])
            local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            if newest[2] and tonumber(newest[2]) > now then
              now = tonumber(newest[2])
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local count = redis.call('ZCARD', KEYS[1])
            if count + permits > limit then
              local freeing_rank = count + permits - limit - 1
              local freeing = redis.call('ZRANGE', KEYS[1], freeing_rank, freeing_rank, 'WITHSCORES')
              local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
              return {0, math.max(limit - count, 0), tonumber(freeing[2]) + window - now, tonumber(last[2]) + window - now}
            end
            for i = 1, permits do
              redis.call('ZADD', KEYS[1], now, string.format('%d:%d', now, count + i))
            end
            redis.call('PEXPIRE', KEYS[1], window + grace)
            return {1, limit - count - permits, 0, window}
            """);

    /**
     * Hash {@code level, time, scale}: the level in tokens x scale (the refill period in ms when it
     * was written), which a refill raises by {@code refillTokens} per millisecond. A refusal writes
     * nothing: the refill since the stored time is recomputed next time, to the same value.
     */
    private static final RedisScript<List<Object>> TOKEN_BUCKET = RedisScript.returningList(NOW + """
            local now = now_ms(ARGV[1])
            local grace = tonumber(ARGV[2])
            local capacity = tonumber(ARGV[3])
            local refill = tonumber(ARGV[4])
            local period = tonumber(ARGV[5])
            local permits = tonumber(ARGV[6])
            local full = capacity * period
            local state = redis.call('HMGET', KEYS[1], 'level', 'time', 'scale')
            local level = tonumber(state[1])
            local last = tonumber(state[2])
            local scale = tonumber(state[3])
            if level == nil or last == nil or scale == nil then
              level = full
            else
              if scale ~= period then
                level = math.floor(level / scale) * period
              end
              if now < last then
                now = last
              end
              local missing = full - level
              if missing <= 0 then
                level = full
              elseif now - last >= math.ceil(missing / refill) then
                level = full
              else
                level = level + (now - last) * refill
              end
            end
            local cost = permits * period
            if level < cost then
              return {0, math.floor(level / period), math.ceil((cost - level) / refill), math.ceil((full - level) / refill)}
            end
            level = level - cost
            local reset_after = math.ceil((full - level) / refill)
            redis.call('HSET', KEYS[1], 'level', level, 'time', now, 'scale', period)
            redis.call('PEXPIRE', KEYS[1], reset_after + grace)
            return {1, math.floor(level / period), 0, reset_after}
            """);

    /** Returns the script and arguments for a policy. */
    static PolicyScript of(RateLimitPolicy policy) {
        if (policy instanceof RateLimitPolicy.FixedWindow fixed) {
            return new PolicyScript("fixed-window", FIXED_WINDOW,
                    List.of(Integer.toString(fixed.limit()), Long.toString(fixed.window().toMillis())));
        }
        if (policy instanceof RateLimitPolicy.SlidingWindow sliding) {
            return new PolicyScript("sliding-window", SLIDING_WINDOW,
                    List.of(Integer.toString(sliding.limit()), Long.toString(sliding.window().toMillis())));
        }
        RateLimitPolicy.TokenBucket bucket = (RateLimitPolicy.TokenBucket) policy;
        return new PolicyScript("token-bucket", TOKEN_BUCKET, List.of(Integer.toString(bucket.capacity()),
                Integer.toString(bucket.refillTokens()), Long.toString(bucket.refillPeriod().toMillis())));
    }
}
