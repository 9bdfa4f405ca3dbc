package io.tfhyperstack.plugin.tls;

import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * go-plugin's automatic mutual TLS: the client hands over its certificate in PLUGIN_CLIENT_CERT, the
 * plugin answers with a fresh certificate in the handshake line, and each side trusts only the other's.
 *
 * <p>The JDK's TLS stack is used rather than the BoringSSL bundled with grpc-netty-shaded: it needs no
 * native library unpacked at start-up, and it accepts the ECDSA P-521/SHA-512 signatures that
 * Terraform's client key makes, which BoringSSL's default verification list leaves out.
 *
 * @param server this process's certificate, printed in the handshake line
 * @param negotiator the server-side TLS step for gRPC's netty transport
 */
public record AutoMtls(SelfSignedCertificate server, InternalProtocolNegotiator.ProtocolNegotiator negotiator) {

    public static AutoMtls forClientCertificate(String clientCertificatePem) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        X509Certificate client = parsePem(clientCertificatePem);
        SelfSignedCertificate server = SelfSignedCertificate.generate("localhost", random);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SingleKeyManager(server)},
                new TrustManager[] {new PinnedClientCertificate(client)}, random);
        return new AutoMtls(server, new JdkTlsNegotiator(context));
    }

    static X509Certificate parsePem(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        byte[] bytes = pem.trim().getBytes(StandardCharsets.US_ASCII);
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
    }
}
