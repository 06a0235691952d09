/**
 * A session store on {@link org.chatapp.redis.RedisService}: {@link org.chatapp.redis.session.SessionStore}
 * creates sessions with random 144-bit ids, reads them, slides their TTL, deletes one or all of a
 * user's (through a per-user index that expired sessions never grow), and optionally encrypts
 * payloads with AES-GCM under a rotating {@link org.chatapp.redis.session.SessionKeyring}.
 * <b>Delivery</b>: every operation is one Lua script on the master owning the user's hash tag, so a
 * session and its index change together or not at all; writes are sent at most once, and one whose
 * reply is lost fails with {@link org.chatapp.redis.RedisOutcomeUnknownException} (retrying is safe:
 * touch, update and delete are idempotent, and a retried create makes another session while the lost
 * one, if it was made, simply expires). <b>Failover</b>: while a master is down, calls for its users
 * fail with {@link org.chatapp.redis.RedisServiceException}s and work again once a replica is promoted
 * (scripts are reloaded by themselves); Redis replicates asynchronously, so a write the dead master
 * acknowledged but had not yet passed on is lost: a new session disappears (the user signs in
 * again), a touch is undone (the session ends earlier), and a delete may be undone, bringing a
 * signed-out session back until its TTL ends, so after a failover repeat the deletes that matter
 * (a password change's {@code deleteAll}).
 */
package org.chatapp.redis.session;
