/**
 * The gateway's short response cache: profile lookups and user searches, the same for every caller,
 * shared by every gateway instance through the library's cache for a few seconds, and evicted by the
 * writes that change them before those writes are answered.
 */
package org.chatapp.apps.gateway.cache;
