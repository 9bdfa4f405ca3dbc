package io.tfhyperstack.plugin;

import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** Client certificates shaped like Terraform's own: ECDSA P-521 signed with SHA-512. */
public final class TestIdentities {
    public static final SelfSignedCertificate TERRAFORM = p521();
    public static final SelfSignedCertificate STRANGER = p521();

    private TestIdentities() {
    }

    private static SelfSignedCertificate p521() {
        try {
            return SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The variables Terraform sets, with AutoMTLS on. */
    public static Map<String, String> terraformEnvironment() {
        Map<String, String> variables = plaintextEnvironment();
        variables.put("PLUGIN_CLIENT_CERT", TERRAFORM.pem());
        return variables;
    }

    /** The variables Terraform sets with TF_DISABLE_PLUGIN_TLS. */
    public static Map<String, String> plaintextEnvironment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("TF_PLUGIN_MAGIC_COOKIE", MagicCookie.VALUE);
        variables.put("PLUGIN_PROTOCOL_VERSIONS", "5,6");
        variables.put("PLUGIN_MIN_PORT", "10000");
        variables.put("PLUGIN_MAX_PORT", "25000");
        return variables;
    }
}
