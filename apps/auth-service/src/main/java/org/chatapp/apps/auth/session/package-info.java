/**
 * Login sessions: each login is a session in the library's session store (key prefix
 * {@code auth:session:}, one hash tag per user) holding the client's address and user agent, and a
 * bearer token linked to it; logout revokes the token and deletes the session.
 */
package org.chatapp.apps.auth.session;
