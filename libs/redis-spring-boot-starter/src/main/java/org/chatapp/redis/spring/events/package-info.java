/**
 * Auto-configuration of the typed pub/sub event bus ({@code org.chatapp.redis.events}) under
 * {@code chatapp.redis.events.*}, made at its first use. The bus keeps the library's guarantee: at
 * most once, as Redis pub/sub itself (an event reaches the subscribers connected when it is
 * published; nothing is stored). On a failover its subscriptions come back by themselves once a
 * replica is promoted; events published meanwhile are not delivered, publishes fail with the
 * service's exceptions, and chatapp.redis.events.resubscriptions counts the recoveries.
 */
package org.chatapp.redis.spring.events;
