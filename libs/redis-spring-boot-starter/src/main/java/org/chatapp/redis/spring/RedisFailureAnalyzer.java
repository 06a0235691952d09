package org.chatapp.redis.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains invalid {@code chatapp.redis} settings by the property to fix and what is allowed. */
final class RedisFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedisPropertiesException> {

    /** Library setting names, as the library's messages start, mapped to property names. */
    private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

    static {
        PROPERTIES.put("clusterOptions.topologyRefreshPeriod", "cluster.refresh-period");
        PROPERTIES.put("clusterOptions.adaptiveRefreshTimeout", "cluster.adaptive-refresh-timeout");
        PROPERTIES.put("clusterOptions.maxRedirects", "cluster.max-redirects");
        PROPERTIES.put("sentinel.nodes[", "sentinel.nodes");
        PROPERTIES.put("nodes[", "nodes");
        PROPERTIES.put("sentinel.readFrom", "sentinel.read-from");
        PROPERTIES.put("cluster.readFrom", "cluster.read-from");
        PROPERTIES.put("health timeout", "health.timeout");
        PROPERTIES.put("reconnect step", "retry.step");
        PROPERTIES.put("reconnect max", "retry.max");
        PROPERTIES.put("reconnect jitter", "retry.jitter");
        PROPERTIES.put("sentinel.master", "sentinel.master");
        PROPERTIES.put("sentinel.nodes", "sentinel.nodes");
        PROPERTIES.put("sentinel.username", "sentinel.username");
        PROPERTIES.put("tls.trustedCertificates", "tls.trusted-certificates");
        PROPERTIES.put("tls.clientCertificate", "tls.client-certificate");
        PROPERTIES.put("tls.clientKey", "tls.client-key");
        PROPERTIES.put("nodes and sentinel", "nodes");
        PROPERTIES.put("host/port", "host");
        PROPERTIES.put("node address", "nodes");
        PROPERTIES.put("keyPrefix", "key-prefix");
        PROPERTIES.put("connectTimeout", "connect-timeout");
        PROPERTIES.put("commandTimeout", "command-timeout");
        PROPERTIES.put("requestQueueSize", "request-queue-size");
        PROPERTIES.put("clientName", "client-name");
        PROPERTIES.put("spinWait", "spin-wait");
        PROPERTIES.put("username", "username");
        PROPERTIES.put("host", "host");
        PROPERTIES.put("port", "port");
        PROPERTIES.put("db", "db");
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedisPropertiesException cause) {
        String property = cause.prefix() + "." + propertyFor(cause.reason());
        return new FailureAnalysis(
                "Invalid Redis configuration: " + cause.reason() + " (property " + property + ").",
                "Update " + property + " in the application's configuration to a value the message above allows.",
                cause);
    }

    static String propertyFor(String reason) {
        for (Map.Entry<String, String> entry : PROPERTIES.entrySet()) {
            if (reason.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "*";
    }
}
