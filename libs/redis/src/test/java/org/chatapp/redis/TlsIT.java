package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisException;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a standalone server with certificates made for the test; the server requires a client certificate. */
class TlsIT {

    @TempDir
    static Path certificateDirectory;

    private static TestCertificates certificates;
    private static LocalRedisStandalone redis;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws IOException {
        certificates = TestCertificates.create(certificateDirectory);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = socket.getLocalPort();
        }
        try {
            redis = LocalRedis.standalone()
                    .config("tls-port", String.valueOf(tlsPort))
                    .config("tls-cert-file", certificates.serverCertificate().toString())
                    .config("tls-key-file", certificates.serverKey().toString())
                    .config("tls-ca-cert-file", certificates.caCertificate().toString())
                    .config("tls-auth-clients", "yes")
                    .start();
        } catch (LocalRedisException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("tls"),
                    "this redis-server was built without TLS: " + e.getMessage());
            throw e;
        }
    }

    @AfterAll
    static void stopServer() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisOptions.Builder overTls(TlsOptions tls) {
        return RedisOptions.builder().host("127.0.0.1").port(tlsPort).tls(tls).connectTimeout(Duration.ofSeconds(3));
    }

    @Test
    void fullVerification_withClientCertificate_works() {
        TlsOptions tls = TlsOptions.trusting(certificates.caCertificate())
                .withClientCertificate(certificates.clientCertificate(), certificates.clientKey());

        try (RedisService service = RedisService.create(overTls(tls).keyPrefix("tls:").build())) {
            service.set("greeting", "over tls");

            assertThat(service.get("greeting")).contains("over tls");
            assertThat(redis.node().command("GET", "tls:greeting")).isEqualTo("over tls");
        }
    }

    @Test
    void untrustedServer_isRefused() {
        // The JVM's authorities do not know the test CA.
        TlsOptions tls = TlsOptions.enabled().withClientCertificate(certificates.clientCertificate(), certificates.clientKey());

        try (RedisService service = RedisService.create(overTls(tls).build())) {
            assertThatThrownBy(() -> service.get("greeting")).isInstanceOf(RedisConnectionFailureException.class);
        }
    }

    @Test
    void withoutClientCertificate_isRefusedByTheServer() {
        try (RedisService service = RedisService.create(overTls(TlsOptions.trusting(certificates.caCertificate())).build())) {
            assertThatThrownBy(() -> service.get("greeting")).isInstanceOf(RedisConnectionFailureException.class);
        }
    }
}
