/**
 * Auto-configuration of the unread message counters ({@code org.chatapp.redis.unread}) under
 * {@code chatapp.redis.unread.*}. The counters keep the library's guarantee: each user's change is
 * atomic, an increment over several cluster slots is one script per slot (a partial failure names
 * who was counted), writes are sent at most once and a retried increment may count a message twice.
 * On a failover calls for that master's users fail until a replica is promoted, and changes it had
 * not replicated are lost, so a count may be low until the user next reads the conversation.
 */
package org.chatapp.redis.spring.unread;
