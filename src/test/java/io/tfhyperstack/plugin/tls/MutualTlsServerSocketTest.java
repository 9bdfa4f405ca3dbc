package io.tfhyperstack.plugin.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server side of AutoMTLS, on a plain TCP socket, against a JDK TLS client. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MutualTlsServerSocketTest {
    private static SelfSignedCertificate terraform;
    private static SelfSignedCertificate stranger;

    @BeforeAll
    static void identities() throws Exception {
        terraform = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        stranger = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
    }

    @Test
    void theExpectedClientGetsTls13AndH2() throws Exception {
        try (Server server = Server.start(terraform);
                SSLSocket client = server.connect(terraform, "h2")) {
            client.startHandshake();
            assertEquals("h2", client.getApplicationProtocol());
            assertEquals("TLSv1.3", client.getSession().getProtocol());
            client.getOutputStream().write(7);
            client.getOutputStream().flush();
            assertEquals(7, server.firstByteReceived());
        }
    }

    @Test
    void aClientWithAnotherCertificateIsRefused() throws Exception {
        try (Server server = Server.start(terraform);
                SSLSocket client = server.connect(stranger, "h2")) {
            assertThrows(IOException.class, () -> {
                client.startHandshake();
                // With TLS 1.3 the server's verdict on the client certificate can arrive after the
                // client's side of the handshake has finished; the first read sees it.
                client.getInputStream().read();
            });
        }
    }

    @Test
    void aClientThatOffersOnlyHttp1IsRefused() throws Exception {
        try (Server server = Server.start(terraform);
                SSLSocket client = server.connect(terraform, "http/1.1")) {
            assertThrows(SSLException.class, client::startHandshake);
        }
    }

    /** A listening socket from AutoMtls that accepts one connection and reads one byte from it. */
    private record Server(ServerSocket socket, AutoMtls tls, CompletableFuture<Integer> firstByte)
            implements AutoCloseable {
        static Server start(SelfSignedCertificate expectedClient) throws Exception {
            AutoMtls tls = AutoMtls.start();
            tls.trustClient(expectedClient.pem());
            ServerSocket socket = tls.serverSockets(ServerSocketFactory.getDefault()).createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = socket.accept()) {
                    return accepted.getInputStream().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            return new Server(socket, tls, firstByte);
        }

        SSLSocket connect(SelfSignedCertificate identity, String applicationProtocol) throws Exception {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", identity.privateKey(), password, new Certificate[] {identity.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("plugin", Certificates.parse(tls.certificateDer()));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            SSLSocket client = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket.getInetAddress(), socket.getLocalPort());
            SSLParameters parameters = client.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {applicationProtocol});
            client.setSSLParameters(parameters);
            return client;
        }

        int firstByteReceived() throws Exception {
            return firstByte.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
