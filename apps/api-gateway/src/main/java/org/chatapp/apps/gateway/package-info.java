/**
 * The API gateway: the only public entry of the platform.
 *
 * <ul>
 * <li>Routes {@code /api/**} to the services with Spring Cloud Gateway's server for MVC, adding the
 * inner services' secret and the checked caller ({@code X-User-Id}); whatever a client sends in
 * those headers is dropped first.</li>
 * <li>Checks bearer tokens itself against the auth service's token keys in Redis ({@code
 * auth:token:<sha256>}): no call to the auth service per request; a logout (which deletes the key)
 * is refused on every gateway from the next request on.</li>
 * <li>Limits requests per client address and per user with the library's rate limiter (fixed
 * window; fails open when Redis fails over, as the limiter does); a refusal is a 429 with
 * {@code Retry-After}.</li>
 * <li>Holds the WebSockets ({@code /ws?token=}): a bad token is refused at the handshake; every
 * gateway subscribes to the platform's delivery channels through the library's events and writes
 * each event to the sockets it holds of the users the event names, so a message published once by
 * any chat-service instance reaches its members' sockets on every gateway (at most once, as
 * pub/sub); socket heartbeats feed presence.</li>
 * <li>Answers profile lookups and user searches, which are the same for every caller, from a
 * cache of the library shared by every gateway for a few seconds ({@code Cache-Control: private,
 * max-age}); the writes that change them (a profile update, a registration) evict them before they
 * are answered.</li>
 * <li>Serves the OpenAPI description of the whole public API at {@code /v3/api-docs} and its UI
 * at {@code /swagger-ui.html}, without a token.</li>
 * <li>Serves the web page at {@code /}.</li>
 * </ul>
 */
package org.chatapp.apps.gateway;
