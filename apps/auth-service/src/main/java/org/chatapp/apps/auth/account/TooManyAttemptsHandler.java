package org.chatapp.apps.auth.account;

import org.chatapp.apps.common.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TooManyAttemptsHandler {

    @ExceptionHandler(LoginThrottle.TooManyAttempts.class)
    ResponseEntity<ApiError> tooMany(LoginThrottle.TooManyAttempts e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds))
                .body(new ApiError("too_many_requests", "too many login attempts, retry in " + e.retryAfterSeconds + " s"));
    }
}
