package org.chatapp.apps.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.chatapp.apps.auth.AuthServiceApplication;
import org.chatapp.apps.chat.ChatServiceApplication;
import org.chatapp.apps.gateway.GatewayApplication;
import org.chatapp.apps.notification.NotificationServiceApplication;
import org.chatapp.apps.user.UserServiceApplication;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole chat platform in one JVM: a local Redis Cluster (3 masters, 1 replica each) unless
 * {@code --chatapp.redis.nodes} (or host, or sentinel) names one, an embedded PostgreSQL unless
 * {@code --spring.datasource.url} names one, every service as a Spring context of its own on a free
 * loopback port, and the gateway on 8080 (or {@code --server.port}). Other arguments reach every
 * service. Ctrl-C stops the gateway, then the services, then the database and Redis it started.
 *
 * <p>Two of these against the same Redis and database, differing only in {@code --server.port},
 * are two instances of one deployment: their inner services are their own (free ports, a secret of
 * their own), and what they share goes through Redis and the database.
 */
public final class ChatLocal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatLocal.class);
    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    private final List<AutoCloseable> started = new ArrayList<>(); // closed in reverse order
    private int port;
    private String redisNodes;
    private String jdbcUrl;
    private String jdbcUser;

    private ChatLocal() {
    }

    public static void main(String[] args) {
        ChatLocal platform;
        try {
            platform = start(args);
        } catch (RuntimeException e) {
            log.error("The chat platform did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        stopOnSignal(platform);
        System.out.println();
        System.out.println("Chat platform ready: http://localhost:" + platform.port() + "/   (Ctrl-C stops it)");
        System.out.println();
    }

    /**
     * Stops the platform on Ctrl-C (and SIGTERM) before the JVM's shutdown begins: in a shutdown hook
     * the jar's class loader and the logging may already be closing beside it, and a part that
     * failed to stop would stay behind. The shutdown hooks of redis-local and the database remain as
     * a backstop.
     */
    @SuppressWarnings("restriction")
    private static void stopOnSignal(ChatLocal platform) {
        sun.misc.SignalHandler stop = signal -> {
            System.out.println("Stopping the chat platform...");
            platform.close();
            System.out.println("Stopped.");
            System.exit(0);
        };
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), stop);
            } catch (IllegalArgumentException unsupported) {
                log.debug("No handler for SIG{} here; the shutdown hooks stop what was started", name);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "chat-local-shutdown"));
    }

    /**
     * Starts the platform; the caller closes it.
     *
     * @throws IllegalStateException when a part does not start (what started is stopped again)
     */
    public static ChatLocal start(String... args) {
        ChatLocal platform = new ChatLocal();
        try {
            platform.run(Arguments.parse(args));
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Returns the gateway's port. */
    public int port() {
        return port;
    }

    /** Returns the Redis Cluster's seed addresses when this instance started it, else null. */
    public String redisNodes() {
        return redisNodes;
    }

    /** Returns the JDBC URL of the database the services use: the embedded one this instance started, or the one it was given. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Returns the database user the services connect as. */
    public String jdbcUser() {
        return jdbcUser;
    }

    private void run(Arguments arguments) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("spring.main.banner-mode", "off");
        // Every context would set up logging again, and the last one's name would label every line.
        common.put("logging.include-application-name", "false");
        common.put("logging.register-shutdown-hook", "false"); // chat-local stops the contexts, logging last
        if (!arguments.namesRedis() && !"false".equals(arguments.get("chatapp.redis.local.enabled"))) {
            LocalRedisCluster cluster = LocalRedis.cluster().start();
            started.add(cluster);
            redisNodes = cluster.seedAddresses();
            common.put("chatapp.redis.nodes", redisNodes);
            log.info("Started a local Redis Cluster at {}", cluster.seedAddresses());
        }
        // Never the starter's own local Redis: every service must use the same one.
        common.put("chatapp.redis.local.enabled", "false");
        if (arguments.get("spring.datasource.url") == null) {
            EmbeddedPostgres postgres = startPostgres();
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            common.put("spring.datasource.url", jdbcUrl);
            jdbcUser = "postgres";
            common.put("spring.datasource.username", jdbcUser);
            common.put("spring.datasource.password", "");
            log.info("Started an embedded PostgreSQL on port {}", postgres.getPort());
        } else {
            jdbcUrl = arguments.get("spring.datasource.url");
            jdbcUser = arguments.get("spring.datasource.username");
        }
        if (arguments.get("chatapp.internal.secret") == null) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            common.put("chatapp.internal.secret", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }

        Map<String, String> inner = new LinkedHashMap<>(common);
        inner.put("server.port", "0");
        inner.put("server.address", "127.0.0.1");
        String[] innerArgs = arguments.without("server.port", "server.address");

        String userUri = uri(startService(UserServiceApplication.application(), inner, innerArgs));
        // Logging is set up: the other contexts, started side by side, must not set it up again (twice each line).
        String loggingSystem = System.getProperty(LOGGING_SYSTEM);
        System.setProperty(LOGGING_SYSTEM, "none");
        try {
            startOthers(arguments, common, inner, innerArgs, userUri);
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LOGGING_SYSTEM);
            } else {
                System.setProperty(LOGGING_SYSTEM, loggingSystem);
            }
        }
    }

    private void startOthers(Arguments arguments, Map<String, String> common, Map<String, String> inner, String[] innerArgs,
            String userUri) {
        inner.put("chatapp.services.user-uri", userUri);
        // The others only need the user service: started side by side.
        CompletableFuture<String> auth = CompletableFuture.supplyAsync(() -> uri(startService(AuthServiceApplication.application(), inner, innerArgs)));
        CompletableFuture<String> chat = CompletableFuture.supplyAsync(() -> uri(startService(ChatServiceApplication.application(), inner, innerArgs)));
        CompletableFuture<String> notification =
                CompletableFuture.supplyAsync(() -> uri(startService(NotificationServiceApplication.application(), inner, innerArgs)));

        Map<String, String> gateway = new LinkedHashMap<>(common);
        gateway.put("chatapp.services.user-uri", userUri);
        gateway.put("chatapp.services.auth-uri", join(auth));
        gateway.put("chatapp.services.chat-uri", join(chat));
        gateway.put("chatapp.services.notification-uri", join(notification));
        if (arguments.get("server.port") == null) {
            gateway.put("server.port", "8080");
        }
        ConfigurableApplicationContext context = startService(GatewayApplication.application(), gateway, arguments.all());
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String join(CompletableFuture<String> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private ConfigurableApplicationContext startService(SpringApplicationBuilder application, Map<String, String> properties, String[] args) {
        // One argument per property: Spring would join a property given twice into a list ("false,false").
        // The command line wins over what chat-local sets, and both over the service's own file.
        Map<String, String> merged = new LinkedHashMap<>(properties);
        List<String> others = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                merged.remove(arg.substring(2, equals));
                merged.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                others.add(arg);
            }
        }
        List<String> all = new ArrayList<>();
        merged.forEach((name, value) -> all.add("--" + name + "=" + value));
        all.addAll(others);
        ConfigurableApplicationContext context = application.registerShutdownHook(false).run(all.toArray(String[]::new));
        synchronized (started) {
            started.add(context);
        }
        return context;
    }

    private static String uri(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            started.add(postgres);
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Stops everything it started, the gateway first and Redis last. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (started) {
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
    }
}
