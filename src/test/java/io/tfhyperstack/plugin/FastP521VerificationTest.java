package io.tfhyperstack.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.tfhyperstack.plugin.tls.FastP521Verification;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider service's faster P-521 check, in the TLS handshake it is there for. */
@SuppressWarnings("try") // close() may throw InterruptedException; here that only fails the test
class FastP521VerificationTest {
    @BeforeAll
    static void install() {
        assertTrue(FastP521Verification.install(), "agrees with the JDK and installs");
    }

    @AfterAll
    static void uninstall() {
        Security.removeProvider("tfhyperstack-p521");
    }

    @Test
    void verificationOfP521SignaturesGoesToItAndSigningStaysTheJdks() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        var pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA512withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        assertEquals("SunEC", signer.getProvider().getName());
        Signature verifier = Signature.getInstance("SHA512withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
        assertEquals("tfhyperstack-p521", verifier.getProvider().getName());
    }

    @Test
    void terraformsKindOfClientStillCompletesMutualTls() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment());
                LocalPluginClient client = LocalPluginClient.connect(plugin.handshake(), TestIdentities.TERRAFORM)) {
            assertEquals(ServingStatus.SERVING, client.health("plugin"));
            client.shutdownPlugin();
        }
    }
}
