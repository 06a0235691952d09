package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
                bad("db with cluster nodes", () -> RedisOptions.builder().nodes(NODES).db(3),
                        "db must be 0 with cluster nodes (Redis Cluster has only database 0), was 3"),
                bad("port 0", () -> RedisOptions.builder().port(0), "port must be between 1 and 65535, was 0"),
                bad("port 65536", () -> RedisOptions.builder().port(65536), "port must be between 1 and 65535, was 65536"),
                bad("empty host", () -> RedisOptions.builder().host(""), "host must not be empty, was ''"),
                bad("null host", () -> RedisOptions.builder().host(null), "host must not be empty, was 'null'"),
                bad("nodes and sentinel", () -> RedisOptions.builder().nodes(NODES).sentinel("m", NODES),
                        "nodes and sentinel are mutually exclusive"),
                bad("host with nodes", () -> RedisOptions.builder().host("redis").nodes(NODES),
                        "host/port redis:6379 must not be set together with nodes"),
                bad("negative db", () -> RedisOptions.builder().db(-1), "db must be 0 or more, was -1"),
                bad("zero command timeout", () -> RedisOptions.builder().commandTimeout(Duration.ZERO),
                        "commandTimeout must be a positive duration, was PT0S"),
                bad("negative connect timeout", () -> RedisOptions.builder().connectTimeout(Duration.ofSeconds(-1)),
                        "connectTimeout must be a positive duration, was PT-1S"),
                bad("null command timeout", () -> RedisOptions.builder().commandTimeout(null),
                        "commandTimeout must be a positive duration, was null"),
                bad("username without password", () -> RedisOptions.builder().username("chat"),
                        "username 'chat' needs a password"),
                bad("blank username", () -> RedisOptions.builder().username(" ").password("x"),
                        "username must not be blank"),
                bad("prefix with a brace", () -> RedisOptions.builder().keyPrefix("{chat}:"),
                        "keyPrefix must not contain '{' or '}'"),
                bad("replica reads on a single node", () -> RedisOptions.builder().readFrom(ReadFrom.REPLICA),
                        "readFrom REPLICA needs replicas the client can find"),
                bad("spin over a millisecond", () -> RedisOptions.builder().spinWait(Duration.ofMillis(2)),
                        "spinWait must be between 0 and PT0.001S, was PT0.002S"),
                bad("negative spin", () -> RedisOptions.builder().spinWait(Duration.ofNanos(-1)),
                        "spinWait must be between 0 and PT0.001S"),
                bad("null spin", () -> RedisOptions.builder().spinWait(null), "spinWait must be between 0 and PT0.001S, was null"),
                bad("request queue of 0", () -> RedisOptions.builder().requestQueueSize(0),
                        "requestQueueSize must be at least 1, was 0"),
                bad("client name with space", () -> RedisOptions.builder().clientName("chat app"),
                        "clientName must be non-empty without spaces, was 'chat app'"),
                bad("null reconnect policy", () -> RedisOptions.builder().reconnectPolicy(null), "reconnectPolicy must be set"),
                bad("host with a path", () -> RedisOptions.builder().host("redis/0"), "host must be a host name or IP address, was 'redis/0'"));
    }

    private static Arguments bad(String name, Supplier<RedisOptions.Builder> builder, String message) {
        return Arguments.of(name, builder, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void build_invalid_failsNamingTheSetting(String name, Supplier<RedisOptions.Builder> builder, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> builder.get().build()).withMessageContaining(message);
    }

    @Test
    void clusterOptions_invalid_failsNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterOptions.defaults().withMaxRedirects(-1))
                .withMessage("clusterOptions.maxRedirects must be 0 or more, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterOptions.defaults().withTopologyRefreshPeriod(Duration.ZERO))
                .withMessage("clusterOptions.topologyRefreshPeriod must be a positive duration, was PT0S");
    }

    @Test
    void sentinelOptions_invalid_failsNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> SentinelOptions.of("", NODES))
                .withMessage("sentinel.master must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> SentinelOptions.of("mymaster", List.of()))
                .withMessage("sentinel.nodes must list at least one sentinel host:port");
    }

    @Test
    void tlsOptions_missingFile_failsNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> TlsOptions.trusting(Path.of("/nonexistent/ca.pem")))
                .withMessage("tls.trustedCertificates must be a readable file, was /nonexistent/ca.pem");
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

    @Test
    void toBuilder_copiesEverySetting() {
        RedisOptions options = RedisOptions.builder().nodes(NODES).password("pw").keyPrefix("chat:")
                .readFrom(ReadFrom.REPLICA_PREFERRED).commandTimeout(Duration.ofSeconds(1)).build();

        RedisOptions copy = options.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(options.toString());
        assertThat(copy.password()).isEqualTo("pw");
    }
}
