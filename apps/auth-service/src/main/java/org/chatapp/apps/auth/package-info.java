/**
 * The auth service: register, login, logout. Passwords are BCrypt hashes in its own table; tokens
 * are 256 random bits, kept in Redis only as their SHA-256 (key {@code auth:token:<hash>}, the
 * user id, with a TTL), which the gateway reads to check a bearer token without calling this
 * service. Each login is also a session in the library's session store (who, when, from which
 * address and user agent), linked to its token; logout revokes the token and ends the session.
 * Failed logins are limited per user name and per client address by the library's rate limiters
 * (429 with {@code Retry-After}). What a user may do (roles) is read through the library's cache
 * and evicted on change. A register creates the profile in the user service before it answers.
 */
package org.chatapp.apps.auth;
