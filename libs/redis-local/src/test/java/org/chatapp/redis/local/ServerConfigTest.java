package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void quote_plainWordStaysBare() {
        assertThat(ServerConfig.quote("allkeys-lru")).isEqualTo("allkeys-lru");
        assertThat(ServerConfig.quote("/tmp/a/redis.log")).isEqualTo("/tmp/a/redis.log");
    }

    @Test
    void quote_emptySpacesQuotesAndControlCharacters() {
        assertThat(ServerConfig.quote("")).isEqualTo("\"\"");
        assertThat(ServerConfig.quote("my secret")).isEqualTo("\"my secret\"");
        assertThat(ServerConfig.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ServerConfig.quote("it's")).isEqualTo("\"it's\"");
        assertThat(ServerConfig.quote("x\ny\u0001")).isEqualTo("\"x\\ny\\x01\"");
    }

    @Test
    void render_baseLines() {
        String text = ServerConfig.base(7001, Path.of("/tmp/n1"), Path.of("/tmp/n1/redis.log")).render();

        assertThat(text).isEqualTo("""
                port 7001
                bind 127.0.0.1
                protected-mode no
                daemonize no
                dir /tmp/n1
                logfile /tmp/n1/redis.log
                """);
    }

    @Test
    void render_throwawayDataNode() {
        assertThat(ServerConfig.throwawayData().render())
                .contains("save \"\"\n", "appendonly no\n", "repl-diskless-sync-delay 0\n");
    }

    @Test
    void directive_nameMustBeOneWord() {
        assertThatThrownBy(() -> new ServerConfig().set("two words", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataNodeConfig_passwordOnly() {
        SetupOptions options = new SetupOptions();
        options.password("s3cret pw");

        String text = options.dataNodeConfig(new ServerConfig()).render();

        assertThat(text).contains("requirepass \"s3cret pw\"\n", "masterauth \"s3cret pw\"\n").doesNotContain("user ");
        assertThat(options.dataNodeCredentials().authArguments()).containsExactly("AUTH", "s3cret pw");
    }

    @Test
    void dataNodeConfig_aclUserWithDefaultPassword() {
        SetupOptions options = new SetupOptions();
        options.password("defaultpw");
        options.aclUser("app", "apppw");

        String text = options.dataNodeConfig(new ServerConfig()).render();

        assertThat(text).contains("requirepass defaultpw\n", "user app on >apppw ~* &* +@all\n",
                "masteruser app\n", "masterauth apppw\n");
        assertThat(options.dataNodeCredentials().authArguments()).containsExactly("AUTH", "app", "apppw");
    }

    @Test
    void dataNodeConfig_extraLinesComeLastSoTheyWin() {
        SetupOptions options = new SetupOptions();
        options.config("appendonly", "yes");
        options.config("tls-port", "0");

        String text = options.dataNodeConfig(LocalRedisCluster.clusterLines(Duration.ofSeconds(2))).render();

        assertThat(text.indexOf("appendonly yes")).isGreaterThan(text.indexOf("appendonly no"));
        assertThat(text.indexOf("tls-port 0")).isGreaterThan(text.indexOf("cluster-enabled yes"));
    }

    @Test
    void config_managedLinesAreRejected() {
        SetupOptions options = new SetupOptions();

        assertThatThrownBy(() -> options.config("port", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port(int)");
        assertThatThrownBy(() -> options.config("dir", "/tmp")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterLines_nodeTimeoutInMillis() {
        assertThat(LocalRedisCluster.clusterLines(Duration.ofMillis(2500)).render()).contains(
                "cluster-enabled yes\n", "cluster-config-file nodes.conf\n", "cluster-node-timeout 2500\n",
                "cluster-replica-validity-factor 0\n", "cluster-require-full-coverage yes\n");
    }

    @Test
    void sentinelLines_quorumIsMajorityAndAuthUsesAclUser() {
        LocalRedisSentinel.Builder builder = LocalRedis.sentinel().sentinels(5).masterName("chat")
                .downAfter(Duration.ofMillis(800)).aclUser("app", "apppw");

        String text = builder.sentinelLines(7005).render();

        assertThat(text).contains("sentinel monitor chat 127.0.0.1 7005 3\n",
                "sentinel down-after-milliseconds chat 800\n", "sentinel failover-timeout chat 5000\n",
                "sentinel auth-user chat app\n", "sentinel auth-pass chat apppw\n");
    }

    @Test
    void sentinelLines_noAuthWithoutPassword() {
        assertThat(LocalRedis.sentinel().sentinelLines(7005).render())
                .contains("sentinel monitor mymaster 127.0.0.1 7005 2\n").doesNotContain("auth-");
    }
}
