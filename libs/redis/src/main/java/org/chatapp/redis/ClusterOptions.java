package org.chatapp.redis;

import java.time.Duration;

/**
 * How the client follows a Redis Cluster's topology: periodic and adaptive refresh of the slot map,
 * and how many MOVED/ASK redirects one command may follow.
 *
 * @param topologyRefreshPeriod how often the slot map is reloaded even when nothing looks wrong
 * @param adaptiveRefresh whether a MOVED or ASK redirect, or a lost connection, reloads the slot map at once
 * @param adaptiveRefreshTimeout how long adaptive refreshes are throttled after one has run
 * @param maxRedirects how many redirects one command may follow before it fails
 */
public record ClusterOptions(
        Duration topologyRefreshPeriod, boolean adaptiveRefresh, Duration adaptiveRefreshTimeout, int maxRedirects) {

    /** The default refresh period: 30 seconds. */
    public static final Duration DEFAULT_TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(30);

    /**
     * The default throttle between adaptive refreshes: 1 second. Short, because after a failover
     * the refresh that finds the promoted replica should not wait behind one that ran before it.
     */
    public static final Duration DEFAULT_ADAPTIVE_REFRESH_TIMEOUT = Duration.ofSeconds(1);

    /** The default number of redirects: 5. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting when a duration is null or not
     *     positive, or maxRedirects is negative
     */
    public ClusterOptions {
        RedisOptions.requirePositive("clusterOptions.topologyRefreshPeriod", topologyRefreshPeriod);
        RedisOptions.requirePositive("clusterOptions.adaptiveRefreshTimeout", adaptiveRefreshTimeout);
        if (maxRedirects < 0) {
            throw new InvalidRedisOptionException("clusterOptions.maxRedirects", "clusterOptions.maxRedirects must be 0 or more, was " + maxRedirects);
        }
    }

    /** Returns the defaults: refresh every 30 s, adaptive refresh on (at most once a second), 5 redirects. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(DEFAULT_TOPOLOGY_REFRESH_PERIOD, true, DEFAULT_ADAPTIVE_REFRESH_TIMEOUT, DEFAULT_MAX_REDIRECTS);
    }

    /** Returns a copy with another periodic refresh interval. */
    public ClusterOptions withTopologyRefreshPeriod(Duration period) {
        return new ClusterOptions(period, adaptiveRefresh, adaptiveRefreshTimeout, maxRedirects);
    }

    /** Returns a copy with adaptive refresh turned on or off. */
    public ClusterOptions withAdaptiveRefresh(boolean enabled) {
        return new ClusterOptions(topologyRefreshPeriod, enabled, adaptiveRefreshTimeout, maxRedirects);
    }

    /** Returns a copy with another adaptive refresh throttle. */
    public ClusterOptions withAdaptiveRefreshTimeout(Duration timeout) {
        return new ClusterOptions(topologyRefreshPeriod, adaptiveRefresh, timeout, maxRedirects);
    }

    /** Returns a copy with another redirect limit. */
    public ClusterOptions withMaxRedirects(int redirects) {
        return new ClusterOptions(topologyRefreshPeriod, adaptiveRefresh, adaptiveRefreshTimeout, redirects);
    }
}
