/**
 * The auth service: register, login, logout. Passwords are BCrypt hashes in its own table; tokens
 * are 256 random bits, kept in Redis only as their SHA-256 (key {@code auth:token:<hash>}, the
 * user id, with a TTL), which the gateway reads to check a bearer token without calling this
 * service, and which logout deletes. Logins are limited per user name by the library's rate limiter
 * (fixed window, fails open on a Redis failover as the limiter does). A register creates the
 * profile in the user service before it answers.
 */
package org.chatapp.apps.auth;
