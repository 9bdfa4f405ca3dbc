package io.tfhyperstack.plugin.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Most of a warm walk's CPU is its TLS handshake, and most of that is one check: the ECDSA P-521
 * signature with which Terraform's client proves it holds the certificate it named (TLS 1.3
 * CertificateVerify). The JDK's P-521 arithmetic takes ~5 ms for it on the project's machine kind;
 * Bouncy Castle's, ~1.9 ms. This puts Bouncy Castle's implementation of exactly that algorithm
 * (SHA512withECDSA) first in line for the JDK's TLS; everything else stays the JDK's.
 *
 * <p>Only the provider service installs it, and only once it is warm: loading Bouncy Castle's classes
 * costs a few hundred milliseconds once, which a process serving one walk would never earn back, and
 * which the service's first walks should not wait for.
 */
public final class FastP521Verification {
    private static final Logger LOG = Logger.getLogger(FastP521Verification.class.getName());
    static final String ALGORITHM = "SHA512withECDSA";
    private static final String IMPLEMENTATION = "org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi$ecDSA512";

    private FastP521Verification() {
    }

    /** Installs the provider after {@code delay}, on a daemon thread, once it has verified a signature. */
    public static void installLater(Duration delay) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                install();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "p521-verification-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Checks that the faster implementation agrees with the JDK's on a fresh signature (a good one
     * passes, a tampered one fails), which also loads its classes, then puts it first.
     *
     * @return whether it was installed
     */
    public static boolean install() {
        Provider provider = new VerifierProvider();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp521r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] message = "terraform-provider-hyperstack".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(ALGORITHM, "SunEC");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();
            byte[] tampered = signature.clone();
            tampered[tampered.length / 2] ^= 1;
            if (!verifies(provider, pair, message, signature) || verifies(provider, pair, message, tampered)) {
                LOG.warning("the faster P-521 verification disagrees with the JDK's; keeping the JDK's");
                return false;
            }
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "the faster P-521 verification is not available; keeping the JDK's", e);
            return false;
        }
        Security.insertProviderAt(provider, 1);
        LOG.fine("P-521 signatures are now verified by Bouncy Castle's arithmetic");
        return true;
    }

    private static boolean verifies(Provider provider, KeyPair pair, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(ALGORITHM, provider);
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    /** A provider of one algorithm, for verification only: it takes EC public keys, so signing stays the JDK's. */
    private static final class VerifierProvider extends Provider {
        VerifierProvider() {
            super("tfhyperstack-p521", "1", "SHA512withECDSA on Bouncy Castle's curve arithmetic");
            putService(new Service(this, "Signature", ALGORITHM, IMPLEMENTATION, null,
                    Map.of("SupportedKeyClasses", "java.security.interfaces.ECPublicKey")));
        }
    }
}
