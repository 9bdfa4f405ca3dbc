package io.tfhyperstack.hyperstack.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import io.tfhyperstack.simulator.TlsIdentity;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A private certificate authority made for one test run, and server certificates it signs: what a
 * company CA or a TLS-inspecting proxy looks like to the client.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    public static TestCertificates newAuthority(String name) {
        try {
            KeyPair keys = keyPair();
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X500Name subject = new X500Name("CN=" + name);
            return new TestCertificates(keys, sign(subject, subject, keys.getPublic().getEncoded(), keys.getPrivate(),
                    extensions));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate authority() {
        return ca;
    }

    /** The authority's certificate in PEM, as SSL_CERT_FILE or ca_file would hold it. */
    public String authorityPem() {
        return pem(ca);
    }

    public Path writeAuthority(Path file) {
        try {
            return Files.writeString(file, authorityPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server identity for {@code dnsName}, signed by this authority, ready for the simulator. */
    public SSLContext serverFor(String dnsName) {
        Server server = server(dnsName);
        return TlsIdentity.of(server.key(), server.certificate(), ca);
    }

    /** The same as PEM files, for the simulator's --tls-cert and --tls-key. */
    public void writeServer(String dnsName, Path certificateFile, Path keyFile) {
        Server server = server(dnsName);
        try {
            Files.writeString(certificateFile, pem(server.certificate()) + authorityPem());
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(server.key().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Server(PrivateKey key, X509Certificate certificate) {
    }

    private Server server(String dnsName) {
        try {
            KeyPair keys = keyPair();
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            X509Certificate leaf = sign(new X500Name("CN=" + dnsName), X500Name.getInstance(
                    ca.getSubjectX500Principal().getEncoded()), keys.getPublic().getEncoded(), caKeys.getPrivate(),
                    extensions);
            return new Server(keys.getPrivate(), leaf);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, byte[] publicKey, PrivateKey signer,
                                        ExtensionsGenerator extensions) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, RANDOM)));
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofHours(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(2)))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(publicKey));
        tbs.setSignature(ECDSA_SHA256);
        tbs.setExtensions(extensions.generate());
        TBSCertificate certificate = tbs.generateTBSCertificate();
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer);
        signature.update(certificate.getEncoded(ASN1Encoding.DER));
        byte[] der = new DERSequence(new ASN1Encodable[] {certificate, ECDSA_SHA256,
                new DERBitString(signature.sign())}).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
