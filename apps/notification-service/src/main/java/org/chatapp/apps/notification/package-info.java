/**
 * The notification service: consumes the message streams with the consumer group {@code
 * notifications} (the library's {@code StreamWorker}: at least once, an entry acknowledged after it
 * was handled, a crashed instance's pending entries claimed by another after 30 s). For each
 * recipient of a message it reads presence: a recipient who is offline gets a stored notification
 * (one per user and message, however often the entry is delivered), one who is online gets a live
 * {@code notification} event on the sockets (at most once, and at most one per conversation every
 * five seconds: the messages of a busy conversation are not announced one by one, since each
 * reaches the sockets as {@code message.created} anyway). The inbox is its own table.
 */
package org.chatapp.apps.notification;
