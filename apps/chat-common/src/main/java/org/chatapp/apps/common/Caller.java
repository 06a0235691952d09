package org.chatapp.apps.common;

/**
 * The user a request is made for, as the gateway checked it from the bearer token and passed on in
 * {@value #HEADER}. A controller takes it as a parameter; a request without it is a 401.
 *
 * @param userId the caller's user id
 */
public record Caller(String userId) {

    public static final String HEADER = "X-User-Id";

    /**
     * The client's own address, which the gateway passes on (replacing whatever the client sent):
     * behind the gateway every request's remote address is the gateway's. A header of its own, as
     * the gateway's proxy strips {@code X-Forwarded-*} unless trusted proxies are configured.
     */
    public static final String ADDRESS_HEADER = "X-Client-Address";
}
