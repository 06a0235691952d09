package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.UnsupportedLettuceVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a production start without Redis settings does, and the Lettuce the starter runs on. */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksTest {

    private static final String NO_ENDPOINT_WARNING = "No Redis endpoint is configured";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalRedisAutoConfiguration.class, ChatappRedisAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.connect-timeout=200ms");

    /** The class loader Spring Boot's launcher gives an application started with {@code java -jar}. */
    private static ClassLoader packagedJarClassLoader() {
        return new LaunchedClassLoader(false, new URL[0], StartupChecksTest.class.getClassLoader());
    }

    @Test
    void localRedis_packagedJarWithoutLocalEnabled_isNotStarted(CapturedOutput output) {
        contextRunner.withClassLoader(packagedJarClassLoader()).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RedisService.class);
            assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class);
        });
    }

    @Test
    void runsFromPackagedJar_plainClassPath_isFalse() {
        assertThat(LocalRedisAutoConfiguration.LocalRedisWanted.runsFromPackagedJar(getClass().getClassLoader())).isFalse();
    }

    @Test
    void runsFromPackagedJar_launcherClassLoaderAnywhereInTheChain_isTrue() {
        ClassLoader child = new java.net.URLClassLoader(new URL[0], packagedJarClassLoader());

        assertThat(LocalRedisAutoConfiguration.LocalRedisWanted.runsFromPackagedJar(child)).isTrue();
    }

    @Test
    void connectionDetails_noEndpointAndNoLocalRedis_warnsOnceNamingTheProperties(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.local.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output.getOut().lines().filter(line -> line.contains(NO_ENDPOINT_WARNING)))
                    .singleElement().asString()
                    .contains("WARN", "localhost:6379", "chatapp.redis.host", "chatapp.redis.require-endpoint=true");
        });
    }

    @Test
    void connectionDetails_endpointSet_noWarning(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain(NO_ENDPOINT_WARNING);
    }

    @Test
    void connectionDetails_requireEndpointWithoutOne_failsStartupWithAnAnalysis() {
        contextRunner.withPropertyValues("chatapp.redis.local.enabled=false", "chatapp.redis.require-endpoint=true").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new RedisEndpointMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("No Redis endpoint is configured", "chatapp.redis.host");
            assertThat(analysis.getAction()).contains("chatapp.redis.nodes", "chatapp.redis.require-endpoint=false");
        });
    }

    @Test
    void connectionDetails_requireEndpointWithOne_starts() {
        contextRunner.withPropertyValues("chatapp.redis.nodes=127.0.0.1:1", "chatapp.redis.require-endpoint=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void lettuceVersionAnalysis_olderLettuce_namesFoundRequiredAndTheLinesToAdd() {
        FailureAnalysis analysis = new LettuceVersionFailureAnalyzer()
                .analyze(new IllegalStateException("wrapped", new UnsupportedLettuceVersionException("6.8.2.RELEASE", "7.7.0.RELEASE")));

        assertThat(analysis.getDescription()).contains("Lettuce 7.7.0.RELEASE or later", "Lettuce 6.8.2.RELEASE");
        assertThat(analysis.getAction()).contains("<lettuce.version>7.7.0.RELEASE</lettuce.version>", "chatapp-redis-bom",
                "ext['lettuce.version'] = '7.7.0.RELEASE'");
    }
}
