package io.tfhyperstack.plugin.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ServerSocketFactory;
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
 * <p>The work is split by what waits for it. A background thread makes the server's key and signs its
 * certificate, which is all the handshake line needs; the caller meanwhile reads the client's
 * certificate ({@link #trustClient}); the TLS context, which only the first connection needs, is built
 * from both afterwards, still in the background.
 */
public final class AutoMtls {
    private final CompletableFuture<SelfSignedCertificate> certificate = new CompletableFuture<>();
    private final CompletableFuture<X509Certificate> client = new CompletableFuture<>();
    private final CompletableFuture<SSLContext> context = new CompletableFuture<>();

    private AutoMtls() {
    }

    /** Starts making this process's TLS identity; {@link #trustClient} must follow. */
    public static AutoMtls start() {
        AutoMtls mtls = new AutoMtls();
        Thread maker = new Thread(mtls::make, "automtls-setup");
        maker.setDaemon(true);
        maker.start();
        return mtls;
    }

    private void make() {
        try {
            SecureRandom random = new SecureRandom();
            SelfSignedCertificate server = SelfSignedCertificate.generate("localhost", random);
            certificate.complete(server);
            KeyManager keys = new SingleKeyManager(server.privateKey(), server.certificate());
            TrustManager trust = new PinnedClientCertificate(client.join());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {keys}, new TrustManager[] {trust}, random);
            context.complete(tls);
        } catch (GeneralSecurityException | RuntimeException e) {
            certificate.completeExceptionally(e);
            context.completeExceptionally(e);
        }
    }

    /**
     * Reads the certificate the client will present (PEM, as in PLUGIN_CLIENT_CERT), the only one
     * the server will accept.
     *
     * @throws GeneralSecurityException when it is not a readable certificate; connections then fail too
     */
    public void trustClient(String clientCertificatePem) throws GeneralSecurityException {
        try {
            client.complete(parsePem(clientCertificatePem));
        } catch (GeneralSecurityException | RuntimeException e) {
            client.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The server certificate's DER bytes, for the handshake line, waiting for them if need be.
     *
     * @throws GeneralSecurityException when no key or certificate could be made
     */
    public byte[] certificateDer() throws GeneralSecurityException {
        try {
            return certificate.join().der();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GeneralSecurityException security) {
                throw security;
            }
            throw new GeneralSecurityException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Server sockets from {@code plain} whose accepted connections are the server side of this mutual
     * TLS. The first connection waits for the TLS context if it is not ready yet.
     */
    public ServerSocketFactory serverSockets(ServerSocketFactory plain) {
        return MutualTlsServerSocket.wrapping(plain, context::join);
    }

    static X509Certificate parsePem(String pem) throws GeneralSecurityException {
        return Certificates.parse(pem.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
