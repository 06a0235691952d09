package org.chatapp.redis.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that stopped because no Redis endpoint was configured and one was required. */
final class RedisEndpointMissingFailureAnalyzer extends AbstractFailureAnalyzer<RedisEndpointMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisEndpointMissingException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Set chatapp.redis.host (and port), chatapp.redis.nodes for a cluster, or chatapp.redis.sentinel.master "
                        + "and chatapp.redis.sentinel.nodes; or set chatapp.redis.require-endpoint=false to use localhost:6379.",
                cause);
    }
}
