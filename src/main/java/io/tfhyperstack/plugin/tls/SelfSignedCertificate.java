package io.tfhyperstack.plugin.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The throw-away server certificate of one plugin process. Terraform learns it from the handshake line
 * and trusts exactly it, so it needs no CA, only the fields Go's verifier checks: a DNS name of
 * {@code localhost}, validity around "now", and key usages that allow serving TLS. P-256 keeps key
 * generation and signing cheap; the client does not care which curve the server uses.
 *
 * @param privateKey the key the TLS stack signs the handshake with
 * @param der the certificate's DER bytes, which go into the handshake line
 */
@SuppressWarnings("ArrayRecordComponent") // made once per plugin life; never compared or hashed
public record SelfSignedCertificate(PrivateKey privateKey, byte[] der) {
    /** Each curve signs with the hash of matching strength, as Go and the JDK expect. */
    private enum Curve {
        P256("secp256r1", "SHA256withECDSA", "1.2.840.10045.4.3.2"),
        P384("secp384r1", "SHA384withECDSA", "1.2.840.10045.4.3.3"),
        P521("secp521r1", "SHA512withECDSA", "1.2.840.10045.4.3.4");

        final String name;
        final String signature;
        final String signatureOid;

        Curve(String name, String signature, String signatureOid) {
            this.name = name;
            this.signature = signature;
            this.signatureOid = signatureOid;
        }

        static Curve named(String name) {
            for (Curve curve : values()) {
                if (curve.name.equals(name)) {
                    return curve;
                }
            }
            throw new IllegalArgumentException("unsupported curve " + name);
        }
    }

    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** Go rejects a certificate that is not yet valid; allow for a little clock skew. */
    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final Duration LIFETIME = Duration.ofDays(365);

    public static SelfSignedCertificate generate(String hostName) throws GeneralSecurityException {
        return generate(hostName, new SecureRandom());
    }

    public static SelfSignedCertificate generate(String hostName, SecureRandom random)
            throws GeneralSecurityException {
        return generate(hostName, "secp256r1", random);
    }

    /**
     * @param curve secp256r1, secp384r1 or secp521r1; Terraform's own client certificates use
     *     secp521r1, which tests and the class-data-sharing training run imitate
     */
    public static SelfSignedCertificate generate(String hostName, String curve, SecureRandom random)
            throws GeneralSecurityException {
        Curve shape = Curve.named(curve);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(shape.name), random);
        KeyPair keys = generator.generateKeyPair();

        byte[] signatureAlgorithm = Der.sequence(Der.oid(shape.signatureOid));
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8("tfhyperstack"))),
                Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(hostName))));
        Instant now = Instant.now();
        byte[] serial = new byte[16];
        random.nextBytes(serial);

        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(1, serial)),
                signatureAlgorithm,
                name,
                Der.sequence(Der.time(now.minus(BACKDATE)), Der.time(now.plus(LIFETIME))),
                name,
                keys.getPublic().getEncoded(),
                Der.explicit(3, extensions(hostName)));

        Signature signer = Signature.getInstance(shape.signature);
        signer.initSign(keys.getPrivate(), random);
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, signatureAlgorithm, Der.bitString(0, signer.sign()));
        return new SelfSignedCertificate(keys.getPrivate(), der);
    }

    /**
     * The certificate parsed, anew at each call. Not kept: the handshake line needs only the bytes, and
     * parsing loads the JDK's certificate machinery, which is better done after the line is out.
     */
    public X509Certificate certificate() throws CertificateException {
        return Certificates.parse(der);
    }

    /** The certificate in PEM form, as go-plugin passes certificates in PLUGIN_CLIENT_CERT. */
    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] extensions(String hostName) {
        // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 1010 0100, low 2 bits unused.
        byte[] keyUsage = Der.bitString(2, new byte[] {(byte) 0xa4});
        byte[] extendedKeyUsage = Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH));
        // Self-signed and trusted directly: marking it a CA is what lets Go accept it as its own root.
        byte[] basicConstraints = Der.sequence(Der.bool(true));
        byte[] dnsName = Der.tagged(0x82, hostName.getBytes(StandardCharsets.US_ASCII));
        byte[] subjectAltName = Der.sequence(dnsName);
        return Der.sequence(
                extension(KEY_USAGE, true, keyUsage),
                extension(EXTENDED_KEY_USAGE, false, extendedKeyUsage),
                extension(BASIC_CONSTRAINTS, true, basicConstraints),
                extension(SUBJECT_ALT_NAME, false, subjectAltName));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }
}
