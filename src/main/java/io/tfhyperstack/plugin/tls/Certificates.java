package io.tfhyperstack.plugin.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reading X.509 certificates, the one way every part of the handshake needs it. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * @param encoded one certificate, DER or PEM (the JDK's parser takes both)
     * @throws CertificateException when the bytes are not a certificate
     */
    public static X509Certificate parse(byte[] encoded) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded));
    }
}
