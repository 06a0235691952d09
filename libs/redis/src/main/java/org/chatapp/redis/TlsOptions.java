package org.chatapp.redis;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS for every connection: to the server, each cluster node and each sentinel.
 *
 * @param verification how much of the server's certificate is checked
 * @param trustedCertificates a PEM file of the certificate authorities to trust, or null for the JVM's
 * @param clientCertificate a PEM certificate chain for mutual TLS, or null
 * @param clientKey the PEM PKCS#8 private key of the client certificate, or null
 */
public record TlsOptions(Verification verification, Path trustedCertificates, Path clientCertificate, Path clientKey) {

    /** How much of the server's certificate is checked. */
    public enum Verification {
        /** The chain and the host name: the only safe choice in production. The default. */
        FULL,
        /** The chain only; for servers reached by an address that their certificate does not name. */
        CA,
        /** Nothing: encryption without authentication, for development only. */
        NONE
    }

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting when the verification is missing, a
     *     file is not readable, or a client certificate comes without its key (or a key without its
     *     certificate)
     */
    public TlsOptions {
        if (verification == null) {
            throw new InvalidRedisOptionException("tls.verification", "tls.verification must be set");
        }
        requireReadable("tls.trustedCertificates", trustedCertificates);
        requireReadable("tls.clientCertificate", clientCertificate);
        requireReadable("tls.clientKey", clientKey);
        if ((clientCertificate == null) != (clientKey == null)) {
            // The setting to fix is the one left out.
            throw new InvalidRedisOptionException(clientKey == null ? "tls.clientKey" : "tls.clientCertificate",
                    "tls.clientCertificate and tls.clientKey must be set together");
        }
    }

    /** Returns full verification against the JVM's trusted authorities. */
    public static TlsOptions enabled() {
        return new TlsOptions(Verification.FULL, null, null, null);
    }

    /** Returns full verification against the authorities in a PEM file. */
    public static TlsOptions trusting(Path trustedCertificates) {
        return new TlsOptions(Verification.FULL, trustedCertificates, null, null);
    }

    /** Returns a copy with another verification level. */
    public TlsOptions withVerification(Verification level) {
        return new TlsOptions(level, trustedCertificates, clientCertificate, clientKey);
    }

    /** Returns a copy that presents a client certificate (mutual TLS). */
    public TlsOptions withClientCertificate(Path certificate, Path key) {
        return new TlsOptions(verification, trustedCertificates, certificate, key);
    }

    private static void requireReadable(String setting, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new InvalidRedisOptionException(setting, setting + " must be a readable file, was " + file);
        }
    }
}
