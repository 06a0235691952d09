package org.chatapp.apps.auth.session;

/**
 * What a login session records about the client that opened it, beside the user and the time the
 * session store keeps itself.
 *
 * @param clientAddress the client's address as the gateway saw it
 * @param userAgent the client's {@code User-Agent}, cut to {@value #MAX_USER_AGENT} characters; empty when none was sent
 */
public record SessionDetails(String clientAddress, String userAgent) {

    /** The longest user agent kept: a session is no place for an unbounded header. */
    public static final int MAX_USER_AGENT = 256;

    public SessionDetails {
        if (clientAddress == null || clientAddress.isEmpty()) {
            throw new IllegalArgumentException("clientAddress must not be empty");
        }
        userAgent = userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
    }
}
