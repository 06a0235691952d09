/**
 * What a user may do: roles per account in the service's own table ({@code account_roles}), read
 * through the library's cache-aside ({@code auth:cache:{roles:<userId>}}) and evicted on every grant
 * or revocation; served to the other services under {@code /internal/auth/users/<id>/roles}.
 */
package org.chatapp.apps.auth.permission;
