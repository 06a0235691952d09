/**
 * What the chat services share and nothing more: the error format, request ids, the caller the
 * gateway checked, the inner services' guard, and the names of what they share in Redis (event
 * channels, message streams, presence, token keys). No service imports another service.
 */
package org.chatapp.apps.common;
