package org.chatapp.redis.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains invalid {@code chatapp.redis} settings by the property to fix, which the exception carries
 * ({@link InvalidRedisPropertiesException#property()}), and what is allowed.
 */
final class RedisFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedisPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedisPropertiesException cause) {
        String property = cause.property();
        return new FailureAnalysis(
                "Invalid Redis configuration: " + cause.reason() + " (property " + property + ").",
                "Update " + property + " in the application's configuration to a value the message above allows.",
                cause);
    }
}
