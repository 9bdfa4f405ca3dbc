package io.tfhyperstack.plugin.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly one client certificate: the one Terraform put in PLUGIN_CLIENT_CERT. Terraform creates
 * a fresh self-signed certificate per run, so there is no chain or CA to validate; comparing the bytes
 * is both stricter and cheaper than a PKIX validation with that certificate as the only anchor.
 * Extending {@link X509ExtendedTrustManager} keeps the JDK from wrapping this in its own endpoint checks.
 */
final class PinnedClientCertificate extends X509ExtendedTrustManager {
    private final X509Certificate expected;
    private final byte[] expectedDer;

    PinnedClientCertificate(X509Certificate expected) throws CertificateException {
        this.expected = expected;
        this.expectedDer = expected.getEncoded();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client sent no certificate");
        }
        if (!Arrays.equals(chain[0].getEncoded(), expectedDer)) {
            throw new CertificateException("the client certificate is not the one in PLUGIN_CLIENT_CERT");
        }
        chain[0].checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only judges clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // Announced to the client as the acceptable CA; Go's client sends its certificate regardless.
        return new X509Certificate[] {expected};
    }
}
