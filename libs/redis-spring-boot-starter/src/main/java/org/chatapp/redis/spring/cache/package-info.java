/**
 * Spring's cache abstraction on the caches of {@code org.chatapp.redis.cache}, under
 * {@code chatapp.redis.cache.*}: {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict}
 * (with {@code allEntries}) read and write Redis through the library, so each keeps the library's
 * guarantee (see that package's documentation for the whole of it):
 * <ul>
 *   <li>{@code @Cacheable(sync = true)} is {@code RedisCache.get(key, loader)}: concurrent misses of a
 *       key run the method once in this instance and, by a lease in Redis, once across every
 *       instance while Redis keeps its data; the others wait for its value (at most
 *       {@code lease-wait}, then they run it themselves). A method that throws releases the lease at
 *       once; its exception reaches its callers.</li>
 *   <li>{@code @Cacheable} without {@code sync} reads, and on a miss runs the method and puts its
 *       value, as Spring does everywhere: concurrent misses may each run the method.</li>
 *   <li>{@code @CachePut} and a put of {@code null} (a method that returned null, with
 *       {@code allow-null-values}) are at most once, like every write, and cancel a load of the key
 *       under way; a null is cached as "absent" for {@code negative-ttl}, or evicts the key when that
 *       is 0.</li>
 *   <li>{@code @CacheEvict} and {@code allEntries = true} (SCAN and UNLINK on every master, this cache's
 *       keys only) throw when Redis fails, whatever the error policy: an eviction never reports a
 *       success it did not have. Other instances are told (their near caches drop the keys).</li>
 * </ul>
 * With {@code error-policy=fail-open} (the default) a read or a write that Redis fails is counted
 * ({@code chatapp.redis.cache.errors}) and the method runs as if there were no cache; with
 * {@code fail-closed} the service's exception reaches the caller. On a failover, an entry, a lease
 * or an eviction the promoted replica never received is lost: one more load, a second instance
 * loading the same key once, or an evicted value back until it expires; near caches are emptied.
 * {@code putIfAbsent} is Spring's default (a read, then a put: not atomic), and methods returning
 * {@code CompletableFuture} or reactive types are not supported ({@code Cache.retrieve}).
 */
package org.chatapp.redis.spring.cache;
