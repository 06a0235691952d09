package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerBinaryTest {

    @Test
    void parseVersion_fromVersionOutput() {
        assertThat(RedisServerBinary.parseVersion(
                "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=ae4d7c971a948f0\n"))
                .isEqualTo("7.0.15");
    }

    @Test
    void parseVersion_noVersion() {
        assertThatThrownBy(() -> RedisServerBinary.parseVersion("command not found"))
                .isInstanceOf(LocalRedisException.class).hasMessageContaining("command not found");
    }

    @Test
    void bundledResource_perPlatform() {
        assertThat(RedisServerBinary.bundledResource("Linux", "amd64")).contains("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisServerBinary.bundledResource("Linux", "x86_64")).contains("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisServerBinary.bundledResource("Linux", "aarch64")).contains("redis-server-6.2.7-linux-arm64");
        assertThat(RedisServerBinary.bundledResource("Linux", "i386")).contains("redis-server-6.2.7-linux-386");
        assertThat(RedisServerBinary.bundledResource("Mac OS X", "aarch64")).contains("redis-server-6.2.6-v5-darwin-arm64");
        assertThat(RedisServerBinary.bundledResource("Mac OS X", "x86_64")).contains("redis-server-6.2.6-v5-darwin-amd64");
        assertThat(RedisServerBinary.bundledResource("Windows 11", "amd64")).contains("redis-server-5.0.14.1-windows-amd64.exe");
    }

    @Test
    void bundledResource_unsupportedPlatform() {
        assertThat(RedisServerBinary.bundledResource("Linux", "ppc64le")).isEmpty();
        assertThat(RedisServerBinary.bundledResource("FreeBSD", "amd64")).isEmpty();
    }

    @Test
    void bundledResource_existsInTheEmbeddedRedisJar() {
        String resource = RedisServerBinary.bundledResource("Linux", "amd64").orElseThrow();

        assertThat(getClass().getClassLoader().getResource(resource)).isNotNull();
    }

    @Test
    void findOnPath_firstExecutableWins(@TempDir Path temp) throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path notExecutable = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(notExecutable.resolve("redis-server"), "");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path executable = Files.writeString(bin.resolve("redis-server"), "#!/bin/sh\n");
        assertThat(executable.toFile().setExecutable(true)).isTrue();
        String path = String.join(File.pathSeparator, empty.toString(), notExecutable.toString(), "", bin.toString());

        assertThat(RedisServerBinary.findOnPath(path, "redis-server")).contains(executable.toAbsolutePath());
        assertThat(RedisServerBinary.findOnPath(empty.toString(), "redis-server")).isEmpty();
        assertThat(RedisServerBinary.findOnPath(null, "redis-server")).isEmpty();
    }

    @Test
    void locate_propertyNamingNoExecutable(@TempDir Path temp) {
        String missing = temp.resolve("missing").toString();

        assertThatThrownBy(() -> RedisServerBinary.locate(missing, System.getenv("PATH"), "Linux", "amd64"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RedisServerBinary.BINARY_PROPERTY).hasMessageContaining("missing")
                .hasNoCause();
    }

    @Test
    void locate_propertyWinsOverThePath(@TempDir Path temp) throws IOException {
        Path fake = Files.writeString(temp.resolve("my-redis-server"), "#!/bin/sh\necho 'Redis server v=9.9.9'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        RedisServerBinary binary = RedisServerBinary.locate(fake.toString(), System.getenv("PATH"), "Linux", "amd64");

        assertThat(binary.path()).isEqualTo(fake.toAbsolutePath());
        assertThat(binary.isEmbedded()).isFalse();
        assertThat(binary.version()).isEqualTo("9.9.9");
    }

    @Test
    void locate_nothingUsableIsOneClearMessage(@TempDir Path emptyDirectory) {
        assertThatThrownBy(() -> RedisServerBinary.locate(null, emptyDirectory.toString(), "Linux", "ppc64le"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("redis-server was not found on the PATH and no bundled redis-server exists for Linux/ppc64le.")
                .hasMessageContaining("apt-get install redis-server")
                .hasMessageContaining("-Dchatapp.redis.local.binary")
                .hasNoCause();
    }

    @Test
    void locate_pathWinsOverTheEmbeddedBinary(@TempDir Path bin) throws IOException {
        Path executable = Files.writeString(bin.resolve("redis-server"), "#!/bin/sh\n");
        assertThat(executable.toFile().setExecutable(true)).isTrue();

        RedisServerBinary binary = RedisServerBinary.locate("", bin.toString(), "Linux", "amd64");

        assertThat(binary.path()).isEqualTo(executable.toAbsolutePath());
        assertThat(binary.isEmbedded()).isFalse();
    }

    @Test
    void locate_embeddedKeyword_picksTheBundledBinaryOverThePath(@TempDir Path bin) throws IOException {
        Path executable = Files.writeString(bin.resolve("redis-server"), "#!/bin/sh\n");
        assertThat(executable.toFile().setExecutable(true)).isTrue();

        RedisServerBinary binary = RedisServerBinary.locate(RedisServerBinary.EMBEDDED, bin.toString(), "Linux", "amd64");

        assertThat(binary.isEmbedded()).isTrue();
    }
}
