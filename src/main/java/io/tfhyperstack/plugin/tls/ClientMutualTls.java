package io.tfhyperstack.plugin.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of AutoMTLS, as go-plugin does it for Terraform: trust exactly the certificate from
 * the handshake line, check that it names localhost, present our own certificate, offer ALPN h2 and
 * TLS 1.3. For the plugin's own client (tests, bench, class-data training), which runs in JVMs of its
 * own; the plugin never dials out over TLS.
 */
public final class ClientMutualTls {
    private static final String SERVER_NAME = "localhost";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String[] APPLICATION_PROTOCOLS = {"h2"};

    private final SSLContext context;

    private ClientMutualTls(SSLContext context) {
        this.context = context;
    }

    /**
     * @param server the certificate the plugin announced
     * @param identity the certificate to present, or null to present none
     */
    public static ClientMutualTls trusting(X509Certificate server, SelfSignedCertificate identity)
            throws GeneralSecurityException {
        char[] noPassword = new char[0];
        KeyStore trusted = emptyStore();
        trusted.setCertificateEntry("plugin", server);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManager[] keys = null;
        if (identity != null) {
            KeyStore own = emptyStore();
            own.setKeyEntry("client", identity.privateKey(), noPassword, new Certificate[] {identity.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(own, noPassword);
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), new SecureRandom());
        return new ClientMutualTls(context);
    }

    /** TLS over an open connection to the plugin; the handshake runs at the first read or write. */
    public SSLSocket over(Socket connected) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(connected, SERVER_NAME, connected.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS);
        // Go checks the certificate's DNS name against "localhost"; so does this client.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        return tls;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
    }
}
