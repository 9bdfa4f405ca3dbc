package io.tfhyperstack.plugin.tls;

import io.grpc.ServerCredentials;
import io.grpc.okhttp.SslSocketFactoryServerCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * go-plugin's automatic mutual TLS: the client hands over its certificate in PLUGIN_CLIENT_CERT, the
 * plugin answers with a fresh certificate in the handshake line, and each side trusts only the other's.
 *
 * <p>The JDK's own TLS stack does the work: it needs no native library, and it accepts the ECDSA
 * P-521/SHA-512 signatures that Terraform's client key makes (BoringSSL's default verification list
 * leaves them out).
 *
 * <p>Everything happens on a background thread, in the order it is needed: the certificate first (the
 * handshake line waits for it), then the TLS context and gRPC's ALPN support (only the first connection
 * waits for those), so all of it overlaps with the server's start-up and with the client's connecting.
 */
public final class AutoMtls {
    private final CompletableFuture<SelfSignedCertificate> certificate = new CompletableFuture<>();
    private final CompletableFuture<SSLContext> context = new CompletableFuture<>();

    private AutoMtls() {
    }

    /** Starts making this process's TLS identity for a client that presents {@code clientCertificatePem}. */
    public static AutoMtls start(String clientCertificatePem) {
        AutoMtls mtls = new AutoMtls();
        Thread maker = new Thread(() -> mtls.make(clientCertificatePem), "automtls-setup");
        maker.setDaemon(true);
        maker.start();
        return mtls;
    }

    private void make(String clientCertificatePem) {
        try {
            SecureRandom random = new SecureRandom();
            X509Certificate client = parsePem(clientCertificatePem);
            SelfSignedCertificate server = SelfSignedCertificate.generate("localhost", random);
            certificate.complete(server);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {new SingleKeyManager(server)},
                    new TrustManager[] {new PinnedClientCertificate(client)}, random);
            context.complete(tls);
            ClientAuthSocketFactory.prepareAlpn();
        } catch (GeneralSecurityException | RuntimeException e) {
            certificate.completeExceptionally(e);
            context.completeExceptionally(e);
        }
    }

    /**
     * The server certificate, waiting for it if need be.
     *
     * @throws GeneralSecurityException when the client certificate is unusable or no key could be made
     */
    public SelfSignedCertificate certificate() throws GeneralSecurityException {
        try {
            return certificate.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GeneralSecurityException security) {
                throw security;
            }
            throw new GeneralSecurityException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * The server's TLS for gRPC: each accepted connection is wrapped in server-side TLS that requires
     * this client's certificate. The first connection waits for the TLS context if it is not ready.
     */
    public ServerCredentials serverCredentials() {
        return SslSocketFactoryServerCredentials.create(new ClientAuthSocketFactory(context::join));
    }

    static X509Certificate parsePem(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        byte[] bytes = pem.trim().getBytes(StandardCharsets.US_ASCII);
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
    }
}
