package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production artifact of an application set up the way the README says: the Boot 4.0
 * application in {@code src/it/boot-4.0-parent}, built and repackaged by the maven-invoker-plugin
 * before this test runs.
 */
class PackagedApplicationIT {

    private static final Path APPLICATION = Path.of(System.getProperty("basedir", "."), "target", "it", "boot-4.0-parent");
    private static final Path JAR = APPLICATION.resolve("target").resolve("chat-app-boot40-1.0.jar");

    private static List<String> libraries() throws IOException {
        assertThat(JAR).as("the jar the maven-invoker-plugin builds in pre-integration-test (run mvn verify)").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).toList();
        }
    }

    @Test
    void repackagedJar_followingTheReadme_leavesTheLocalRedisOut() throws IOException {
        assertThat(libraries()).noneMatch(name -> name.startsWith("chatapp-redis-local"))
                .noneMatch(name -> name.startsWith("embedded-redis"));
    }

    @Test
    void repackagedJar_followingTheReadme_carriesTheStarterAndTheLettuceItNeeds() throws IOException {
        assertThat(libraries()).contains("chatapp-redis-spring-boot-starter-0.1.0-SNAPSHOT.jar",
                "lettuce-core-" + org.chatapp.redis.LettuceVersion.required() + ".jar");
    }

    @Test
    void run_withoutRedisSettings_saysSoInOneWarningLine() throws Exception {
        Run run = run();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(line -> line.contains("No Redis endpoint is configured")))
                .as(run.output()).singleElement().asString().contains("WARN", "localhost:6379");
        assertThat(run.output()).doesNotContain("Started a local Redis");
    }

    @Test
    void run_requireEndpointWithoutRedisSettings_failsWithAnAnalysis() throws Exception {
        Run run = run("--chatapp.redis.require-endpoint=true");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("APPLICATION FAILED TO START", "No Redis endpoint is configured",
                "chatapp.redis.require-endpoint=false");
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the jar the maven-invoker-plugin builds in pre-integration-test (run mvn verify)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--spring.main.banner-mode=off"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("packaged-app", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the application did not stop within 90 s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Run(int exitCode, String output) {
    }
}
