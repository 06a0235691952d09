package org.chatapp.apps.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.chatapp.apps.common.Caller;

/**
 * The address of the client a login comes from. Behind the gateway every request comes from the
 * gateway, which passes the client's address on in {@value #HEADER} (replacing whatever the client
 * put there); the inner services' secret makes sure only the gateway reaches this service. A request
 * without the header (this service run on its own) is judged by its own remote address.
 */
final class ClientAddress {

    /** The header the gateway sets. */
    static final String HEADER = Caller.ADDRESS_HEADER;

    /** An IPv4 or IPv6 literal: anything else is not an address and could forge rate-limit keys or log lines. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,15})?");

    private ClientAddress() {
    }

    /** Returns the client's address. */
    static String of(HttpServletRequest request) {
        return of(request.getHeader(HEADER), request.getRemoteAddr());
    }

    /** Returns the address the gateway passed on when it is one, else the request's remote address. */
    static String of(String forwarded, String remoteAddress) {
        if (forwarded != null && ADDRESS.matcher(forwarded.strip()).matches()) {
            return forwarded.strip();
        }
        return remoteAddress;
    }
}
