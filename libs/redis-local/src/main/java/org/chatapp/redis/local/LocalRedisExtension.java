package org.chatapp.redis.local;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that injects shared local Redis setups and per-test key prefixes into
 * test constructors, test methods (including parameterized tests and test factories) and
 * lifecycle methods.
 *
 * <p>Parameters of type {@link LocalRedisStandalone}, {@link LocalRedisCluster} (3 masters with 1
 * replica each, node timeout 2 s) and {@link LocalRedisSentinel} get one instance per test run,
 * started on first use and closed when the run ends. Tests share them, so they must not break
 * their nodes (start a setup of their own for that) and must keep their data apart with a
 * {@link TestKeyPrefix} parameter instead of {@code FLUSHALL}.
 *
 * <pre>{@code
 * @ExtendWith(LocalRedisExtension.class)
 * class ChatRoomIT {
 *     @Test
 *     void storesMessages(LocalRedisCluster cluster, TestKeyPrefix prefix) { ... }
 * }
 * }</pre>
 */
public final class LocalRedisExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalRedisExtension.class);
    private static final Set<Class<?>> SUPPORTED = Set.of(
            LocalRedisStandalone.class, LocalRedisCluster.class, LocalRedisSentinel.class, TestKeyPrefix.class);
    private static final Duration SHARED_CLUSTER_NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_NAME_LENGTH = 32;
    private static final AtomicLong prefixCounter = new AtomicLong();

    /** Returns whether the parameter is one of the injected types. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return SUPPORTED.contains(parameterContext.getParameter().getType());
    }

    /**
     * Returns the shared setup of the parameter's type, starting it on first use, or the key
     * prefix of the current test.
     *
     * @throws LocalRedisException if a setup cannot be started
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestKeyPrefix.class) {
            // Stored per test, so a constructor, a @BeforeEach method and the test method all get
            // the same prefix, while every repetition of a parameterized test gets its own.
            return extensionContext.getStore(NAMESPACE)
                    .computeIfAbsent(TestKeyPrefix.class, key -> newPrefix(extensionContext), TestKeyPrefix.class);
        }
        // The root store lives as long as the test run and closes AutoCloseable values at its end.
        ExtensionContext.Store runStore = extensionContext.getRoot().getStore(NAMESPACE);
        if (type == LocalRedisStandalone.class) {
            return runStore.computeIfAbsent(type, key -> LocalRedis.standalone().start(), LocalRedisStandalone.class);
        }
        if (type == LocalRedisCluster.class) {
            return runStore.computeIfAbsent(type,
                    key -> LocalRedis.cluster().nodeTimeout(SHARED_CLUSTER_NODE_TIMEOUT).start(), LocalRedisCluster.class);
        }
        return runStore.computeIfAbsent(type, key -> LocalRedis.sentinel().start(), LocalRedisSentinel.class);
    }

    /** Resolves constructor parameters in the test method's context, so constructor and method share one prefix. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    private static TestKeyPrefix newPrefix(ExtensionContext context) {
        String name = context.getTestMethod().map(Method::getName)
                .or(() -> context.getTestClass().map(Class::getSimpleName))
                .orElse("test");
        return new TestKeyPrefix("t" + prefixCounter.incrementAndGet() + "-" + shorten(name) + ":");
    }

    static String shorten(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.length() <= MAX_NAME_LENGTH ? safe : safe.substring(0, MAX_NAME_LENGTH);
    }
}
