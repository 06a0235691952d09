package org.chatapp.apps.common;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.WebRequest;

/**
 * The body of Boot's {@code /error} page (errors outside the controllers: a filter, the container)
 * in the platform's format, so that no answer has another shape.
 */
final class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object status = request.getAttribute("jakarta.servlet.error.status_code", WebRequest.SCOPE_REQUEST);
        int code = status instanceof Integer value ? value : 500;
        HttpStatus resolved = HttpStatus.resolve(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", resolved == null ? "error" : resolved.name().toLowerCase(java.util.Locale.ROOT));
        body.put("message", code == 404 ? "no such path" : resolved == null ? "error" : resolved.getReasonPhrase());
        return body;
    }
}
