package org.chatapp.apps.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A request with one header replaced (or removed, with a null value), whatever the client sent:
 * how the gateway passes the checked caller and the request id on, and strips forged ones.
 */
public final class HeaderOverridingRequest extends HttpServletRequestWrapper {

    private final String name;
    private final String value;

    public HeaderOverridingRequest(HttpServletRequest request, String name, String value) {
        super(request);
        this.name = name;
        this.value = value;
    }

    @Override
    public String getHeader(String header) {
        return name.equalsIgnoreCase(header) ? value : super.getHeader(header);
    }

    @Override
    public Enumeration<String> getHeaders(String header) {
        if (name.equalsIgnoreCase(header)) {
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }
        return super.getHeaders(header);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
            String header = e.nextElement();
            if (!name.equalsIgnoreCase(header)) {
                names.add(header);
            }
        }
        if (value != null) {
            names.add(name);
        }
        return Collections.enumeration(names);
    }
}
