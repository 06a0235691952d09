package org.chatapp.apps.gateway.cache;

/**
 * An answer as the cache keeps it: only what a client needs to read it again. Never a cookie or a
 * header of the caller it was fetched for: such answers are not cached at all.
 *
 * @param contentType the answer's {@code Content-Type}
 * @param body the answer's body, as the service sent it
 * @param storedAt when it was fetched, in epoch milliseconds (for the {@code Age} header)
 */
record CachedResponse(String contentType, byte[] body, long storedAt) {
}
