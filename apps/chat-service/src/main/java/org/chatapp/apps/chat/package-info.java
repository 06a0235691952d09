/**
 * The chat service: conversations, members and messages in its own tables.
 *
 * <p>A send is stored first; the database's unique (conversation, sender, clientMessageId) makes a
 * resend, on any instance, answer the stored message and never store a second one. Only the send
 * that stored it then publishes {@code message.created} to every member's event channel (at most
 * once, as pub/sub: a gateway that is reconnecting misses it, and the client reloads history),
 * appends it to its conversation's message stream (which the notification service consumes at
 * least once) and counts it unread for the other members. A failure after the store is logged and
 * the send still succeeds: the message is in history. Known gap: an instance that dies between the
 * store and the publish loses the event and the stream entry (an outbox table would close it).
 */
package org.chatapp.apps.chat;
