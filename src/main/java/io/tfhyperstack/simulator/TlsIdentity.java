package io.tfhyperstack.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The certificate and key the simulator serves HTTPS with, so tests can put it behind a private CA. */
public final class TlsIdentity {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsIdentity() {
    }

    /** From PEM files: the certificate chain (server first) and an unencrypted PKCS#8 key (EC or RSA). */
    public static SSLContext fromPem(Path certificateFile, Path keyFile) {
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert: no certificate in " + certificateFile);
            }
            return of(privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile),
                    chain.toArray(new Certificate[0]));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert: not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** From a key and its certificate chain (server first). */
    public static SSLContext of(PrivateKey key, Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("simulator", key, NO_PASSWORD, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot serve TLS with this key and certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem, Path file) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("--tls-key: " + file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to)));
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next
            }
        }
        throw new IllegalArgumentException("--tls-key: " + file + " is neither an EC nor an RSA key");
    }
}
