package io.tfhyperstack.hyperstack.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks servers against {@link TrustedRoots}, read at the first TLS handshake rather than when the
 * client is built: a walk that never speaks HTTPS (the simulator on loopback) never reads a bundle.
 */
final class DeferredTrustManager extends X509ExtendedTrustManager {
    private final TrustSources sources;
    private volatile X509ExtendedTrustManager roots;

    DeferredTrustManager(TrustSources sources) {
        this.sources = sources;
    }

    TrustSources sources() {
        return sources;
    }

    private X509ExtendedTrustManager roots() throws CertificateException {
        X509ExtendedTrustManager r = roots;
        if (r == null) {
            synchronized (this) {
                r = roots;
                if (r == null) {
                    r = TrustedRoots.trustManager(sources);
                    if (r == null) {
                        throw new NoTrustedAuthorities(sources);
                    }
                    roots = r;
                }
            }
        }
        return r;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        roots().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        roots().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        roots().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the API client never accepts client certificates");
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

    /**
     * None, on purpose: OkHttp asks when the client is built, only to clean chains for certificate
     * pinning, which this client does not use, and answering would read every bundle up front.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** Not one certificate in any source: every server is refused, for a reason the message names. */
    static final class NoTrustedAuthorities extends CertificateException {
        NoTrustedAuthorities(TrustSources sources) {
            super("no trusted certificate authorities were found in " + sources.describe());
        }
    }
}
