/**
 * Auto-configuration of the rate limiters ({@code org.chatapp.redis.ratelimit}): a bean per name
 * under {@code chatapp.redis.ratelimit.limiters.<name>.*}. The beans decide as the library does: each
 * decision is one script run, sent at most once, and a call whose reply was lost fails with
 * {@code RedisOutcomeUnknownException} (its permits may have been counted). On a failover, calls fail
 * with the service's exceptions until a replica is promoted, which may lack the last decisions, so a
 * limiter fails open by at most what it granted in the replication lag; the counters of allowed and
 * refused calls count what this process was told, failures excluded.
 */
package org.chatapp.redis.spring.ratelimit;
