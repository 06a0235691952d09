package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedisOptionsTest {

    private static final List<RedisNode> NODES = List.of(new RedisNode("10.0.0.1", 7000), new RedisNode("10.0.0.2", 7001));

    @Test
    void build_defaults_singleNodeOnLocalhost() {
        RedisOptions options = RedisOptions.builder().build();

        assertThat(options.mode()).isEqualTo(RedisMode.STANDALONE);
        assertThat(options.host()).isEqualTo("localhost");
        assertThat(options.port()).isEqualTo(6379);
        assertThat(options.db()).isZero();
        assertThat(options.keyPrefix()).isEmpty();
        assertThat(options.commandTimeout()).isEqualTo(RedisOptions.DEFAULT_COMMAND_TIMEOUT);
        assertThat(options.readFrom()).isEqualTo(ReadFrom.MASTER);
        assertThat(options.reconnectPolicy()).isSameAs(ReconnectPolicy.DEFAULT);
        assertThat(options.spinWait()).isEqualTo(RedisOptions.defaultSpinWait());
    }

    @Test
    void defaultSpinWait_oneCpu_off() {
        assertThat(RedisOptions.defaultSpinWait(1)).isZero();
    }

    @Test
    void defaultSpinWait_twoOrMoreCpus_100us() {
        assertThat(RedisOptions.defaultSpinWait(2)).isEqualTo(Duration.ofNanos(100_000));
        assertThat(RedisOptions.defaultSpinWait(64)).isEqualTo(RedisOptions.DEFAULT_SPIN_WAIT);
    }

    @Test
    void defaultSpinWait_thisJvm_followsAvailableProcessors() {
        assertThat(RedisOptions.defaultSpinWait())
                .isEqualTo(RedisOptions.defaultSpinWait(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void build_oneCpuSpinUnset_spinningOff() {
        assertThat(RedisOptions.builder(1).build().spinWait()).isZero();
    }

    @Test
    void build_twoCpusSpinUnset_spins100us() {
        assertThat(RedisOptions.builder(2).build().spinWait()).isEqualTo(RedisOptions.DEFAULT_SPIN_WAIT);
    }

    @Test
    void build_spinSetExplicitly_keptWhateverTheCpuCount() {
        assertThat(RedisOptions.builder(1).spinWait(Duration.ofMillis(1)).build().spinWait()).isEqualTo(Duration.ofMillis(1));
        assertThat(RedisOptions.builder(8).spinWait(Duration.ZERO).build().spinWait()).isZero();
    }

    @Test
    void toBuilder_spinUnset_keepsTheResolvedDefault() {
        RedisOptions options = RedisOptions.builder(1).build();

        assertThat(options.toBuilder().build().spinWait()).isZero();
    }

    @Test
    void mode_nodes_cluster() {
        assertThat(RedisOptions.builder().nodes(NODES).build().mode()).isEqualTo(RedisMode.CLUSTER);
    }

    @Test
    void mode_sentinel_sentinel() {
        RedisOptions options = RedisOptions.builder().sentinel("mymaster", NODES).db(2).build();

        assertThat(options.mode()).isEqualTo(RedisMode.SENTINEL);
        assertThat(options.db()).isEqualTo(2);
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                bad("db with cluster nodes", () -> RedisOptions.builder().nodes(NODES).db(3), "db",
                        "db must be 0 with cluster nodes (Redis Cluster has only database 0), was 3"),
                bad("port 0", () -> RedisOptions.builder().port(0), "port", "port must be between 1 and 65535, was 0"),
                bad("port 65536", () -> RedisOptions.builder().port(65536), "port", "port must be between 1 and 65535, was 65536"),
                bad("empty host", () -> RedisOptions.builder().host(""), "host", "host must not be empty, was ''"),
                bad("null host", () -> RedisOptions.builder().host(null), "host", "host must not be empty, was 'null'"),
                bad("nodes and sentinel", () -> RedisOptions.builder().nodes(NODES).sentinel("m", NODES), "nodes",
                        "nodes and sentinel are mutually exclusive"),
                bad("host with nodes", () -> RedisOptions.builder().host("redis").nodes(NODES), "host",
                        "host/port redis:6379 must not be set together with nodes"),
                bad("negative db", () -> RedisOptions.builder().db(-1), "db", "db must be 0 or more, was -1"),
                bad("zero command timeout", () -> RedisOptions.builder().commandTimeout(Duration.ZERO), "commandTimeout",
                        "commandTimeout must be a positive duration, was PT0S"),
                bad("negative connect timeout", () -> RedisOptions.builder().connectTimeout(Duration.ofSeconds(-1)), "connectTimeout",
                        "connectTimeout must be a positive duration, was PT-1S"),
                bad("null command timeout", () -> RedisOptions.builder().commandTimeout(null), "commandTimeout",
                        "commandTimeout must be a positive duration, was null"),
                bad("username without password", () -> RedisOptions.builder().username("chat"), "password",
                        "username 'chat' needs a password"),
                bad("blank username", () -> RedisOptions.builder().username(" ").password("x"), "username",
                        "username must not be blank"),
                bad("prefix with a brace", () -> RedisOptions.builder().keyPrefix("{chat}:"), "keyPrefix",
                        "keyPrefix must not contain '{' or '}'"),
                bad("replica reads on a single node", () -> RedisOptions.builder().readFrom(ReadFrom.REPLICA), "readFrom",
                        "readFrom REPLICA needs replicas the client can find"),
                bad("null read from", () -> RedisOptions.builder().readFrom(null), "readFrom", "readFrom must be set"),
                bad("spin over a millisecond", () -> RedisOptions.builder().spinWait(Duration.ofMillis(2)), "spinWait",
                        "spinWait must be between 0 and PT0.001S, was PT0.002S"),
                bad("negative spin", () -> RedisOptions.builder().spinWait(Duration.ofNanos(-1)), "spinWait",
                        "spinWait must be between 0 and PT0.001S"),
                bad("null spin", () -> RedisOptions.builder().spinWait(null), "spinWait",
                        "spinWait must be between 0 and PT0.001S, was null"),
                bad("request queue of 0", () -> RedisOptions.builder().requestQueueSize(0), "requestQueueSize",
                        "requestQueueSize must be at least 1, was 0"),
                bad("client name with space", () -> RedisOptions.builder().clientName("chat app"), "clientName",
                        "clientName must be non-empty without spaces, was 'chat app'"),
                bad("null reconnect policy", () -> RedisOptions.builder().reconnectPolicy(null), "reconnectPolicy",
                        "reconnectPolicy must be set"),
                bad("null cluster options", () -> RedisOptions.builder().clusterOptions(null), "clusterOptions",
                        "clusterOptions must be set"),
                bad("null single node options", () -> RedisOptions.builder().singleNodeOptions(null), "singleNodeOptions",
                        "singleNodeOptions must be set"),
                bad("null clock", () -> RedisOptions.builder().clock(null), "clock", "clock must not be null"),
                bad("host with a path", () -> RedisOptions.builder().host("redis/0"), "host",
                        "host must be a host name or IP address, was 'redis/0'"));
    }

    private static Arguments bad(String name, Supplier<RedisOptions.Builder> builder, String setting, String message) {
        return Arguments.of(name, builder, setting, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void build_invalid_failsNamingTheSetting(String name, Supplier<RedisOptions.Builder> builder, String setting, String message) {
        InvalidRedisOptionException failure = catchThrowableOfType(InvalidRedisOptionException.class, () -> builder.get().build());

        assertThat(failure).as("failure of build()").isNotNull().hasMessageContaining(message);
        assertThat(failure.setting()).isEqualTo(setting);
    }

    static Stream<Arguments> invalidOptionRecords(@TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("client.pem"), "not checked before the connection");
        return Stream.of(
                badRecord("cluster redirects", () -> ClusterOptions.defaults().withMaxRedirects(-1), "clusterOptions.maxRedirects",
                        "clusterOptions.maxRedirects must be 0 or more, was -1"),
                badRecord("cluster refresh period", () -> ClusterOptions.defaults().withTopologyRefreshPeriod(Duration.ZERO),
                        "clusterOptions.topologyRefreshPeriod", "clusterOptions.topologyRefreshPeriod must be a positive duration, was PT0S"),
                badRecord("null cluster refresh period", () -> ClusterOptions.defaults().withTopologyRefreshPeriod(null),
                        "clusterOptions.topologyRefreshPeriod", "clusterOptions.topologyRefreshPeriod must be a positive duration, was null"),
                badRecord("cluster adaptive refresh timeout", () -> ClusterOptions.defaults().withAdaptiveRefreshTimeout(Duration.ofSeconds(-1)),
                        "clusterOptions.adaptiveRefreshTimeout", "clusterOptions.adaptiveRefreshTimeout must be a positive duration, was PT-1S"),
                badRecord("sentinel master", () -> SentinelOptions.of("", NODES), "sentinel.master",
                        "sentinel.master must not be empty, was ''"),
                badRecord("sentinel nodes", () -> SentinelOptions.of("mymaster", List.of()), "sentinel.nodes",
                        "sentinel.nodes must list at least one sentinel host:port"),
                badRecord("sentinel node null", () -> SentinelOptions.of("mymaster", Arrays.asList(NODES.get(0), null)), "sentinel.nodes[1]",
                        "sentinel.nodes[1] must be a host:port, was null"),
                badRecord("sentinel user without password", () -> new SentinelOptions("mymaster", NODES, "watcher", null),
                        "sentinel.password", "sentinel.username 'watcher' needs sentinel.password"),
                badRecord("tls missing file", () -> TlsOptions.trusting(Path.of("/nonexistent/ca.pem")), "tls.trustedCertificates",
                        "tls.trustedCertificates must be a readable file, was /nonexistent/ca.pem"),
                badRecord("tls verification", () -> TlsOptions.enabled().withVerification(null), "tls.verification",
                        "tls.verification must be set"),
                badRecord("tls certificate without key", () -> TlsOptions.enabled().withClientCertificate(certificate, null), "tls.clientKey",
                        "tls.clientCertificate and tls.clientKey must be set together"),
                badRecord("tls key without certificate", () -> TlsOptions.enabled().withClientCertificate(null, certificate),
                        "tls.clientCertificate", "tls.clientCertificate and tls.clientKey must be set together"),
                badRecord("keep-alive", () -> new SingleNodeOptions(true, Duration.ofSeconds(-1)), "singleNodeOptions.keepAliveIdle",
                        "singleNodeOptions.keepAliveIdle must be zero or positive, was PT-1S"),
                badRecord("reconnect step", () -> ReconnectPolicy.linear(Duration.ZERO, Duration.ofSeconds(1)), "reconnectPolicy.step",
                        "reconnect step must be positive, was PT0S"),
                badRecord("null reconnect step", () -> ReconnectPolicy.linear(null, Duration.ofSeconds(1)), "reconnectPolicy.step",
                        "reconnect step must be positive, was null"),
                badRecord("reconnect max", () -> ReconnectPolicy.linear(Duration.ofSeconds(2), Duration.ofSeconds(1)), "reconnectPolicy.max",
                        "reconnect max must be at least the step PT2S, was PT1S"),
                badRecord("reconnect jitter", () -> ReconnectPolicy.linearWithJitter(Duration.ofMillis(1), Duration.ofSeconds(1), 1.5),
                        "reconnectPolicy.jitter", "reconnect jitter must be between 0 and 1, was 1.5"),
                badRecord("node port", () -> new RedisNode("redis", 0), "port", "port must be between 1 and 65535, was 0"),
                badRecord("node host", () -> new RedisNode(" ", 7000), "host", "host must not be empty, was ' '"),
                badRecord("node address", () -> RedisNode.parse("redis"), "address", "node address must be host:port, was 'redis'"),
                badRecord("seed node null", () -> RedisOptions.builder().nodes(Arrays.asList(NODES.get(0), null)), "nodes[1]",
                        "nodes[1] must be a host:port, was null"));
    }

    private static Arguments badRecord(String name, ThrowingCallable creation, String setting, String message) {
        return Arguments.of(name, creation, setting, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptionRecords")
    void optionRecord_invalid_failsNamingTheSetting(String name, ThrowingCallable creation, String setting, String message) {
        InvalidRedisOptionException failure = catchThrowableOfType(InvalidRedisOptionException.class, creation);

        assertThat(failure).as("failure of %s", name).isNotNull().hasMessage(message);
        assertThat(failure.setting()).isEqualTo(setting);
    }

    @Test
    void urlWithCredentials_isRefused_withoutRepeatingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisOptions.builder().host("redis://user:pw-in-url@redis").build())
                .withMessage("host must be a host name or IP address, not a URL with credentials");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisNode.parse("redis://user:pw-in-url@redis:6379"))
                .withMessageNotContaining("pw-in-url");
    }

    @Test
    void toString_masksPasswords() {
        RedisOptions options = RedisOptions.builder().username("chat").password("s3cret-pw")
                .sentinel(new SentinelOptions("mymaster", NODES, null, "sentinel-pw")).build();

        assertThat(options.toString()).doesNotContain("s3cret-pw").doesNotContain("sentinel-pw").contains("******");
    }

    /**
     * Options of each topology that, between them, set every setting to a value other than its
     * default. A setting added to the builder must be set here too, or
     * {@link #toBuilder_everySettingChanged_keepsEachOne()} fails.
     */
    private static List<RedisOptions.Builder> everySettingChanged() {
        return List.of(
                withEverySharedSettingChanged(RedisOptions.builder().host("redis-1").port(6380).db(3)),
                withEverySharedSettingChanged(RedisOptions.builder().nodes(NODES).readFrom(ReadFrom.REPLICA_PREFERRED)),
                withEverySharedSettingChanged(RedisOptions.builder()
                        .sentinel(new SentinelOptions("mymaster", NODES, "watcher", "sentinel-pw")).db(2).readFrom(ReadFrom.REPLICA)));
    }

    private static RedisOptions.Builder withEverySharedSettingChanged(RedisOptions.Builder builder) {
        return builder.username("chat").password("pw")
                .clusterOptions(ClusterOptions.defaults().withMaxRedirects(2).withAdaptiveRefresh(false))
                .singleNodeOptions(new SingleNodeOptions(false, Duration.ofSeconds(30)))
                .keyPrefix("chat:")
                .tls(TlsOptions.enabled().withVerification(TlsOptions.Verification.CA))
                .connectTimeout(Duration.ofSeconds(3))
                .commandTimeout(Duration.ofMillis(700))
                .reconnectPolicy(ReconnectPolicy.linearWithJitter(Duration.ofMillis(10), Duration.ofSeconds(1), 0.2))
                .requestQueueSize(64)
                .failFastWhenDisconnected(true)
                .clientName("chat-worker")
                .spinWait(Duration.ofNanos(500_000))
                .clock(Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
    }

    /**
     * Every field of the builder is a setting; each must be changed by one of the options above
     * (so a new one cannot go untested) and come back from {@code toBuilder()} as it went in (so a
     * new one cannot be left out of the copy).
     */
    @Test
    void toBuilder_everySettingChanged_keepsEachOne() throws IllegalAccessException {
        List<RedisOptions.Builder> builders = everySettingChanged();
        RedisOptions.Builder defaults = RedisOptions.builder();
        List<Field> settings = Arrays.stream(RedisOptions.Builder.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()).toList();
        assertThat(settings).as("the builder's settings").isNotEmpty();
        assertThat(Arrays.stream(RedisOptions.class.getDeclaredFields()).filter(field -> !Modifier.isStatic(field.getModifiers())))
                .as("the options hold their settings in a builder only").singleElement()
                .extracting(Field::getType).isEqualTo(RedisOptions.Builder.class);

        for (Field setting : settings) {
            setting.setAccessible(true);
            boolean changedSomewhere = false;
            for (RedisOptions.Builder builder : builders) {
                Object value = setting.get(builder);
                changedSomewhere |= !Objects.equals(value, setting.get(defaults));
                RedisOptions options = builder.build();

                assertThat(setting.get(options.toBuilder())).as("%s after toBuilder() of %s", setting.getName(), options).isEqualTo(value);
            }
            assertThat(changedSomewhere).as("%s is changed by everySettingChanged()", setting.getName()).isTrue();
        }
    }

    @Test
    void toBuilder_defaultEndpoint_canBecomeACluster() {
        RedisOptions options = RedisOptions.builder().keyPrefix("chat:").build();

        RedisOptions cluster = options.toBuilder().nodes(NODES).build();

        assertThat(cluster.mode()).isEqualTo(RedisMode.CLUSTER);
        assertThat(cluster.keyPrefix()).isEqualTo("chat:");
    }

    @Test
    void toBuilder_hostSetExplicitly_stillRefusesNodes() {
        RedisOptions options = RedisOptions.builder().host("localhost").build();

        assertThatExceptionOfType(InvalidRedisOptionException.class).isThrownBy(() -> options.toBuilder().nodes(NODES).build())
                .withMessageStartingWith("host/port localhost:6379 must not be set together with nodes");
    }
}
