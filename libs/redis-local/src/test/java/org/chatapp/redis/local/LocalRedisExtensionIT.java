package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LocalRedisExtension.class)
class LocalRedisExtensionIT {

    private static final AtomicReference<LocalRedisStandalone> firstStandalone = new AtomicReference<>();
    private static final AtomicReference<LocalRedisCluster> firstCluster = new AtomicReference<>();
    private static final List<String> prefixes = new CopyOnWriteArrayList<>();

    private final TestKeyPrefix constructorPrefix;

    LocalRedisExtensionIT(TestKeyPrefix constructorPrefix) {
        this.constructorPrefix = constructorPrefix;
    }

    @Test
    void sharedSetups_sameInstanceInOneTest(LocalRedisStandalone standalone, LocalRedisCluster cluster, TestKeyPrefix prefix) {
        assertSharedAndUsable(standalone, cluster, prefix);
    }

    @Test
    void sharedSetups_sameInstanceInAnotherTest(LocalRedisStandalone standalone, LocalRedisCluster cluster, TestKeyPrefix prefix) {
        assertSharedAndUsable(standalone, cluster, prefix);
    }

    @Test
    void sharedCluster_hasTheDocumentedShape(LocalRedisCluster cluster) {
        assertThat(cluster.masters()).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3);
        assertThat(cluster.nodeTimeout()).hasSeconds(2);
    }

    @Test
    void sharedSentinel_isReady(LocalRedisSentinel sentinel, TestKeyPrefix prefix) {
        assertThat(sentinel.master().command("SET", prefix.key("k"), "v")).isEqualTo("OK");
        assertThat(sentinel.sentinels()).hasSize(3);
        prefixes.add(prefix.value());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void prefix_eachInvocationGetsItsOwn(int invocation, TestKeyPrefix prefix, LocalRedisStandalone standalone) {
        assertThat(prefix).isEqualTo(constructorPrefix);
        standalone.node().command("SET", prefix.key("invocation"), Integer.toString(invocation));
        prefixes.add(prefix.value());
    }

    @TestFactory
    Stream<DynamicTest> prefix_testFactoryGetsOne(TestKeyPrefix prefix, LocalRedisStandalone standalone) {
        prefixes.add(prefix.value());
        return Stream.of(DynamicTest.dynamicTest("uses the factory's prefix",
                () -> assertThat(standalone.node().command("SET", prefix.key("dynamic"), "1")).isEqualTo("OK")));
    }

    @AfterAll
    static void prefixesAreDistinctAndSafe() {
        assertThat(prefixes).hasSize(6).doesNotHaveDuplicates()
                .allSatisfy(prefix -> assertThat(prefix).matches("t\\d+-[A-Za-z0-9_.-]+:"));
    }

    private void assertSharedAndUsable(LocalRedisStandalone standalone, LocalRedisCluster cluster, TestKeyPrefix prefix) {
        firstStandalone.compareAndSet(null, standalone);
        firstCluster.compareAndSet(null, cluster);
        assertThat(standalone).isSameAs(firstStandalone.get());
        assertThat(cluster).isSameAs(firstCluster.get());
        assertThat(prefix).isEqualTo(constructorPrefix);
        assertThat(prefix.value()).contains("sharedSetups_sameInstanceIn");
        assertThat(standalone.node().command("SET", prefix.key("k"), "v")).isEqualTo("OK");
        prefixes.add(prefix.value());
    }
}
