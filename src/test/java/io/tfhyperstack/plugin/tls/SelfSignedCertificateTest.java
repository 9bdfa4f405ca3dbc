package io.tfhyperstack.plugin.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    @Test
    void carriesWhatGosVerifierChecks() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate("localhost", new SecureRandom());
        X509Certificate certificate = generated.certificate();
        certificate.checkValidity(); // now
        certificate.verify(certificate.getPublicKey());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals(List.of(List.of(2, "localhost")), List.copyOf(certificate.getSubjectAlternativeNames()));
        assertTrue(certificate.getBasicConstraints() >= 0, "must be usable as its own root");
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertArrayEquals(generated.der(), certificate.getEncoded());
    }

    @Test
    void p521CertificatesAreSignedWithSha512LikeTerraformsOwn() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        assertEquals("SHA512withECDSA", generated.certificate().getSigAlgName());
        assertTrue(AutoMtls.parsePem(generated.pem()).equals(generated.certificate()));
    }
}
