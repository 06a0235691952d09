/**
 * Rate limiters on a {@link org.chatapp.redis.RedisService}, made by
 * {@link org.chatapp.redis.ratelimit.RateLimiters}: a fixed window (a counter per epoch-aligned
 * window), a sliding window (an exact log of the permits of the last window in a sorted set) and a
 * token bucket (refilled to the millisecond in integer arithmetic, capped at its capacity); each
 * decision is one Lua script on one key per limiter and caller key (a hash tag in the caller's key
 * decides its cluster slot), answering allowed, remaining, retry-after and reset-after, and each key
 * expires when its state would be empty anyway. Time comes by default from the clock of the Redis
 * server holding the key ({@code TIME} in the script), so application instances whose clocks
 * disagree still judge a key by one clock; {@link org.chatapp.redis.ratelimit.TimeSource#SERVICE_CLOCK}
 * sends the service's injected {@code clock()} instead, so tests step time to a window's edge
 * exactly, at the price of trusting every host's clock; a time behind a key's stored state counts
 * as the stored time. Delivery: a decision is one script run, at most once: a call whose reply was
 * lost fails with {@link org.chatapp.redis.RedisOutcomeUnknownException} and its permits may have
 * been counted, but the library never runs it twice; while Redis is unreachable every call fails
 * with the service's {@link org.chatapp.redis.RedisServiceException} and the caller decides whether
 * to let the request through. On a failover the promoted replica may lack the last decisions
 * (replication is asynchronous), so the limiter forgets them and may grant those permits again: it
 * fails open, by at most what was granted in the replication lag, and never refuses for longer than
 * its policy says, give or take the difference between the old and the new master's clocks.
 */
package org.chatapp.redis.ratelimit;
