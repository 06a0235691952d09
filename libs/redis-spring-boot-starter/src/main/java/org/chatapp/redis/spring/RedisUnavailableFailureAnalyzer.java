package org.chatapp.redis.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that stopped because Redis was required and unreachable. */
final class RedisUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnavailableAtStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisUnavailableAtStartupException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start Redis or point chatapp.redis.host, chatapp.redis.nodes or chatapp.redis.sentinel.* at it; "
                        + "set chatapp.redis.require-at-startup=false to start without it and keep retrying.",
                cause);
    }
}
