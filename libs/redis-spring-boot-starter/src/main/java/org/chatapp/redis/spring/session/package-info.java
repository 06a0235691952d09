/**
 * Auto-configuration of the session store ({@code org.chatapp.redis.session}) under
 * {@code chatapp.redis.session.*}: {@link org.chatapp.redis.spring.session.SessionStores} and a
 * {@code SessionStore<String>}, optionally encrypting payloads with AES-GCM keys given in base64.
 * The stores keep the library's guarantee: every operation is one script on the master of the
 * user's hash tag, sent at most once (a lost reply is a {@code RedisOutcomeUnknownException}, and a
 * retry is safe). On a failover calls for that master's users fail until a replica is promoted; a
 * write the old master had not replicated is lost, so repeat the deletes that matter afterwards.
 */
package org.chatapp.redis.spring.session;
