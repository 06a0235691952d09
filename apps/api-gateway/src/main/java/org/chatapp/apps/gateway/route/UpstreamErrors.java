package org.chatapp.apps.gateway.route;

import org.chatapp.apps.common.ApiError;
import org.chatapp.apps.gateway.security.BodyLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/**
 * Failures while proxying: a body over the limit is a 413, a service that cannot be reached a 503;
 * neither is a 500. Both arrive wrapped in the proxy's I/O exceptions, hence the look at the causes.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UpstreamErrors {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrors.class);

    @ExceptionHandler({ResourceAccessException.class, java.io.IOException.class, java.io.UncheckedIOException.class})
    ResponseEntity<ApiError> proxyFailure(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.TooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(new ApiError("payload_too_large", tooLarge.getMessage()));
            }
        }
        log.warn("A service did not answer: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("unavailable", "a service is unavailable, try again"));
    }
}
