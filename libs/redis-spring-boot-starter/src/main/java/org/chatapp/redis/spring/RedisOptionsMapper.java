package org.chatapp.redis.spring;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.chatapp.redis.ClusterOptions;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ReadFrom;
import org.chatapp.redis.ReconnectPolicy;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.TlsOptions;

/**
 * Maps bound properties into {@link RedisOptions}, once, with the library's validation. A named
 * client takes every setting it leaves unset from the common settings; its endpoint, when it names
 * one, replaces the common endpoint as a whole.
 */
final class RedisOptionsMapper {

    /** The library's settings whose property is not simply their name in kebab case. */
    private static final Map<String, String> RENAMED_SETTINGS = Map.of(
            "clusterOptions.topologyRefreshPeriod", "cluster.refresh-period",
            "clusterOptions.adaptiveRefreshTimeout", "cluster.adaptive-refresh-timeout",
            "clusterOptions.maxRedirects", "cluster.max-redirects",
            "reconnectPolicy.step", "retry.step",
            "reconnectPolicy.max", "retry.max",
            "reconnectPolicy.jitter", "retry.jitter");

    /** An entry of a list setting, {@code nodes[1]}, and anything about the entry after it. */
    private static final Pattern LIST_ENTRY = Pattern.compile("\\[\\d+].*$");

    /** The start of each word after the first in a camel-case name. */
    private static final Pattern CAMEL_CASE_WORD = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private RedisOptionsMapper() {
    }

    /**
     * Returns the options of one client.
     *
     * @param prefix the client's property prefix, for error messages
     * @param details where the common endpoint is
     * @param common the common settings
     * @param own the named client's settings, or null for the default client
     * @throws InvalidRedisPropertiesException naming the prefix when a setting is invalid
     */
    static RedisOptions map(String prefix, RedisConnectionDetails details, RedisClientProperties common, RedisClientProperties own) {
        RedisConnectionDetails source = own != null && own.hasEndpoint()
                ? new PropertiesRedisConnectionDetails(prefix, guard(prefix, () -> endpointOf(common, own))) : details;
        Settings settings = new Settings(common, own);
        return guard(prefix, () -> {
            RedisOptions.Builder builder = RedisOptions.builder();
            RedisConnectionDetails.Endpoint endpoint = source.endpoint();
            ReadFrom clusterReadFrom = settings.pick(p -> p.getCluster().getReadFrom());
            ReadFrom sentinelReadFrom = settings.pick(p -> p.getSentinel().getReadFrom());
            if (endpoint instanceof RedisConnectionDetails.Cluster cluster) {
                requireUnset(prefix, "sentinel.read-from", "sentinel.readFrom", sentinelReadFrom, "a sentinel setup");
                builder.nodes(cluster.nodes()).readFrom(orDefault(clusterReadFrom, ReadFrom.MASTER));
            } else if (endpoint instanceof RedisConnectionDetails.Sentinel sentinel) {
                requireUnset(prefix, "cluster.read-from", "cluster.readFrom", clusterReadFrom, "a cluster");
                builder.sentinel(sentinel.sentinel()).db(sentinel.db()).readFrom(orDefault(sentinelReadFrom, ReadFrom.MASTER));
            } else if (endpoint instanceof RedisConnectionDetails.Standalone standalone) {
                requireUnset(prefix, "cluster.read-from", "cluster.readFrom", clusterReadFrom, "a cluster");
                requireUnset(prefix, "sentinel.read-from", "sentinel.readFrom", sentinelReadFrom, "a sentinel setup");
                builder.host(standalone.host()).port(standalone.port()).db(standalone.db());
            }
            if (own != null && own.getDb() != null && !own.hasEndpoint()) {
                // A named client on the common endpoint may still pick its own database.
                builder.db(own.getDb());
            }
            // Credentials come with the endpoint; a named client's endpoint of its own takes the common ones.
            boolean ownEndpoint = source != details;
            builder.username(own != null && own.getUsername() != null ? own.getUsername()
                            : ownEndpoint ? common.getUsername() : details.username())
                    .password(own != null && own.getPassword() != null ? own.getPassword()
                            : ownEndpoint ? common.getPassword() : details.password());
            apply(settings, builder);
            return builder.build();
        });
    }

    private static void apply(Settings settings, RedisOptions.Builder builder) {
        builder.keyPrefix(settings.pick(RedisClientProperties::getKeyPrefix));
        Duration connectTimeout = settings.pick(RedisClientProperties::getConnectTimeout);
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        Duration commandTimeout = settings.pick(RedisClientProperties::getCommandTimeout);
        if (commandTimeout != null) {
            builder.commandTimeout(commandTimeout);
        }
        Integer queue = settings.pick(RedisClientProperties::getRequestQueueSize);
        if (queue != null) {
            builder.requestQueueSize(queue);
        }
        Boolean failFast = settings.pick(RedisClientProperties::getFailFastWhenDisconnected);
        if (failFast != null) {
            builder.failFastWhenDisconnected(failFast);
        }
        Duration spinWait = settings.pick(RedisClientProperties::getSpinWait);
        if (spinWait != null) {
            builder.spinWait(spinWait);
        }
        String clientName = settings.pick(RedisClientProperties::getClientName);
        if (clientName != null) {
            builder.clientName(clientName);
        }
        Duration step = settings.pick(p -> p.getRetry().getStep());
        Duration max = settings.pick(p -> p.getRetry().getMax());
        Double jitter = settings.pick(p -> p.getRetry().getJitter());
        if (step != null || max != null || jitter != null) {
            builder.reconnectPolicy(ReconnectPolicy.linearWithJitter(orDefault(step, Duration.ofMillis(50)),
                    orDefault(max, Duration.ofSeconds(2)), orDefault(jitter, 0.0)));
        }
        if (Boolean.TRUE.equals(settings.pick(p -> p.getTls().getEnabled()))) {
            builder.tls(new TlsOptions(orDefault(settings.pick(p -> p.getTls().getVerification()), TlsOptions.Verification.FULL),
                    settings.pick(p -> p.getTls().getTrustedCertificates()),
                    settings.pick(p -> p.getTls().getClientCertificate()),
                    settings.pick(p -> p.getTls().getClientKey())));
        }
        builder.clusterOptions(clusterOptions(settings));
    }

    private static ClusterOptions clusterOptions(Settings settings) {
        ClusterOptions cluster = ClusterOptions.defaults();
        Duration refresh = settings.pick(p -> p.getCluster().getRefreshPeriod());
        if (refresh != null) {
            cluster = cluster.withTopologyRefreshPeriod(refresh);
        }
        Boolean adaptive = settings.pick(p -> p.getCluster().getAdaptiveRefresh());
        if (adaptive != null) {
            cluster = cluster.withAdaptiveRefresh(adaptive);
        }
        Duration adaptiveTimeout = settings.pick(p -> p.getCluster().getAdaptiveRefreshTimeout());
        if (adaptiveTimeout != null) {
            cluster = cluster.withAdaptiveRefreshTimeout(adaptiveTimeout);
        }
        Integer redirects = settings.pick(p -> p.getCluster().getMaxRedirects());
        if (redirects != null) {
            cluster = cluster.withMaxRedirects(redirects);
        }
        return cluster;
    }

    /**
     * Returns the endpoint settings of a named client that names an endpoint of its own: the kind
     * (cluster, sentinel or single node) it names, each field its own value or else the common one.
     */
    static RedisClientProperties endpointOf(RedisClientProperties common, RedisClientProperties own) {
        RedisClientProperties endpoint = new RedisClientProperties();
        RedisClientProperties.Sentinel ownSentinel = own.getSentinel();
        RedisClientProperties.Sentinel commonSentinel = common.getSentinel();
        if (!own.getNodes().isEmpty()) {
            endpoint.setNodes(own.getNodes());
        } else if (ownSentinel.getMaster() != null || !ownSentinel.getNodes().isEmpty()
                || ownSentinel.getUsername() != null || ownSentinel.getPassword() != null) {
            RedisClientProperties.Sentinel sentinel = endpoint.getSentinel();
            sentinel.setMaster(orDefault(ownSentinel.getMaster(), commonSentinel.getMaster()));
            sentinel.setNodes(ownSentinel.getNodes().isEmpty() ? commonSentinel.getNodes() : ownSentinel.getNodes());
            sentinel.setUsername(orDefault(ownSentinel.getUsername(), commonSentinel.getUsername()));
            sentinel.setPassword(orDefault(ownSentinel.getPassword(), commonSentinel.getPassword()));
            endpoint.setDb(orDefault(own.getDb(), common.getDb()));
        } else {
            if (own.getHost() == null && common.getHost() == null
                    && (!common.getNodes().isEmpty() || common.getSentinel().getMaster() != null)) {
                throw new InvalidRedisOptionException("host", "host must be set for a named client with a port of its own "
                        + "when the common endpoint is a cluster or sentinel setup");
            }
            endpoint.setHost(orDefault(own.getHost(), common.getHost()));
            endpoint.setPort(orDefault(own.getPort(), common.getPort()));
            endpoint.setDb(orDefault(own.getDb(), common.getDb()));
        }
        return endpoint;
    }

    /** Refuses a read-from property of the starter's own (the library has one readFrom) that does not fit the endpoint. */
    private static void requireUnset(String prefix, String property, String setting, ReadFrom value, String needs) {
        if (value != null) {
            throw new InvalidRedisPropertiesException(prefix, property,
                    setting + " " + value + " applies to " + needs + " only, and this client is not one", null);
        }
    }

    /**
     * Runs a step of the mapping, turning the library's rejection into one that names the property
     * to fix: the one holding the setting the library names ({@link InvalidRedisOptionException#setting()}).
     */
    static <T> T guard(String prefix, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidRedisOptionException e) {
            throw new InvalidRedisPropertiesException(prefix, propertyOf(e.setting()), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Not a setting of the options: the settings under the prefix are named as a whole.
            throw new InvalidRedisPropertiesException(prefix, e.getMessage(), e);
        }
    }

    /**
     * Runs a step that reads one property only, such as {@code health.timeout}, so that whatever it
     * rejects is that property's.
     */
    static <T> T guard(String prefix, String property, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisPropertiesException(prefix, property, e.getMessage(), e);
        }
    }

    /**
     * Returns the property, under a client's prefix, that holds a setting of the library: {@code port}
     * is {@code port}, {@code keyPrefix} is {@code key-prefix}, {@code clusterOptions.maxRedirects} is
     * {@code cluster.max-redirects}, and an entry of a list, {@code nodes[1]}, is the list's property,
     * {@code nodes}.
     */
    static String propertyOf(String setting) {
        String name = LIST_ENTRY.matcher(setting).replaceFirst("");
        String renamed = RENAMED_SETTINGS.get(name);
        return renamed != null ? renamed : CAMEL_CASE_WORD.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The named client's value of a setting when it has one, else the common value. */
    private record Settings(RedisClientProperties common, RedisClientProperties own) {
        <T> T pick(Function<RedisClientProperties, T> setting) {
            T value = own == null ? null : setting.apply(own);
            return value != null ? value : setting.apply(common);
        }
    }
}
