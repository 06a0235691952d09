/**
 * The chat service: conversations, members and messages in its own tables.
 *
 * <p>A send is stored first, and in the same transaction its row in {@code message_outbox}: what
 * the message owes Redis (the other members' unread counts, the entry in its conversation's message
 * stream that the notification service consumes, the live {@code message.created} event to every
 * member's sockets). The database's unique (conversation, sender, clientMessageId) makes a resend,
 * on any instance, answer the stored message and store neither a second message nor a second row.
 * Right after the commit the send does that work itself and deletes the row, which the relay leaves
 * alone for {@code chat.outbox.send-lease}; when Redis fails there, or the instance dies, the outbox
 * relay of any instance does it later ({@code message.OutboxRelay}). Delivery to the stream and the counters is therefore at least once (a step
 * may repeat when an attempt dies between doing it and recording it); the live event too, on top of
 * pub/sub's own at-most-once to the sockets connected at that moment (a gateway that is
 * reconnecting misses it, and the client reloads history). The gauge {@code chat.outbox.pending}
 * counts the messages still owed; {@code chat.outbox.*} sets the relay's poll interval, batch size,
 * longest backoff and the send lease.
 *
 * <p>Two caches of the library, through the starter's {@code CacheManager} (settings under {@code
 * chatapp.redis.cache.caches.*} in {@code chat-service.properties}, meters {@code
 * chatapp.redis.cache.*}): conversation metadata (title, members: every call checks membership) and
 * the newest 100 messages of each conversation, evicted by every message stored in it, from which
 * history pages are served whenever the entry holds the whole page.
 */
package org.chatapp.apps.chat;
