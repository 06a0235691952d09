package org.chatapp.redis;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority with a server and a client certificate for 127.0.0.1 and
 * localhost, written as PEM files, so TLS tests need no files checked in and no openssl.
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {

    static TestCertificates create(Path directory) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=chatapp test CA");
            X509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(caBuilder, caKeys.getPrivate());

            KeyPair serverKeys = keyPair();
            X509Certificate server = sign(leaf(caName, new X500Name("CN=localhost"), serverKeys), caKeys.getPrivate());
            KeyPair clientKeys = keyPair();
            X509Certificate client = sign(leaf(caName, new X500Name("CN=chatapp client"), clientKeys), caKeys.getPrivate());

            TestCertificates files = new TestCertificates(directory.resolve("ca.crt"), directory.resolve("server.crt"),
                    directory.resolve("server.key"), directory.resolve("client.crt"), directory.resolve("client.key"));
            write(files.caCertificate(), ca);
            write(files.serverCertificate(), server);
            write(files.serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
            write(files.clientCertificate(), client);
            write(files.clientKey(), new JcaPKCS8Generator(clientKeys.getPrivate(), null));
            return files;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509v3CertificateBuilder leaf(X500Name issuer, X500Name subject, KeyPair keys) throws IOException {
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        return builder(issuer, subject, keys)
                .addExtension(Extension.subjectAlternativeName, false, names)
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static void write(Path file, Object pem) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        }
    }
}
