package io.tfhyperstack.plugin;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.tfhyperstack.plugin.goplugin.Empty;
import io.tfhyperstack.plugin.goplugin.GRPCControllerGrpc;
import io.tfhyperstack.plugin.tls.Certificates;
import io.tfhyperstack.plugin.tls.ClientMutualTls;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import io.tfhyperstack.plugin.unix.UnixDomainSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * The client side of the go-plugin handshake, as Terraform does it: read the handshake line, dial the
 * address, trust exactly the certificate in it, present our own. Used by the class-data-sharing
 * training run, the bench and tests, so all of them exercise the real server path end to end.
 *
 * <p>Like the server, it does TLS in the socket (TLS 1.3, as Terraform's Go client negotiates; the
 * training run decides which of the server's TLS classes go into the archive) and gives gRPC a
 * plaintext HTTP/2 connection.
 */
public final class LocalPluginClient implements AutoCloseable {
    /** gRPC needs an authority to name; the connection itself goes wherever the handshake line says. */
    private static final String AUTHORITY_HOST = "localhost";

    private final ManagedChannel channel;

    private LocalPluginClient(ManagedChannel channel) {
        this.channel = channel;
    }

    /**
     * @param handshakeLine the plugin's first stdout line
     * @param identity the client certificate to present, or null to present none
     */
    public static LocalPluginClient connect(String handshakeLine, SelfSignedCertificate identity)
            throws GeneralSecurityException {
        String[] fields = handshakeLine.trim().split("\\|", -1);
        if (fields.length != 6 || !fields[4].equals("grpc")) {
            throw new IllegalArgumentException("not a go-plugin handshake line: " + handshakeLine);
        }
        Dialer dialer;
        int port = 1;
        if (fields[2].equals("unix")) {
            Path socket = Path.of(fields[3]);
            dialer = () -> UnixDomainSocket.connect(socket);
        } else {
            int colon = fields[3].lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(
                    fields[3].substring(0, colon), Integer.parseInt(fields[3].substring(colon + 1)));
            port = address.getPort();
            dialer = () -> new Socket(address.getAddress(), address.getPort());
        }
        if (!fields[5].isEmpty()) {
            ClientMutualTls tls = ClientMutualTls.trusting(serverCertificate(fields[5]), identity);
            Dialer plain = dialer;
            dialer = () -> tls.over(plain.dial());
        }
        ManagedChannel channel = OkHttpChannelBuilder
                .forAddress(AUTHORITY_HOST, port, InsecureChannelCredentials.create())
                .socketFactory(dialer.asSocketFactory())
                .maxInboundMessageSize(PluginServer.MAX_MESSAGE_BYTES)
                .build();
        return new LocalPluginClient(channel);
    }

    private static X509Certificate serverCertificate(String base64WithoutPadding) throws GeneralSecurityException {
        return Certificates.parse(Base64.getDecoder().decode(base64WithoutPadding));
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The health service's answer for {@code service}, within a few seconds. */
    public HealthCheckResponse.ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    /** Asks the plugin to exit, as Terraform does when it is done with it. */
    public void shutdownPlugin() {
        GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .shutdown(Empty.getDefaultInstance());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens one connection to the plugin, TLS included when there is any. */
    @FunctionalInterface
    private interface Dialer {
        Socket dial() throws IOException;

        /**
         * gRPC's transport asks its socket factory for a socket to the authority's address; this one
         * ignores the address and dials the plugin.
         */
        default SocketFactory asSocketFactory() {
            Dialer dialer = this;
            return new SocketFactory() {
                @Override
                public Socket createSocket() throws IOException {
                    throw new SocketException("connected sockets only");
                }

                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return dialer.dial();
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                        throws IOException {
                    return dialer.dial();
                }

                @Override
                public Socket createSocket(InetAddress host, int port) throws IOException {
                    return dialer.dial();
                }

                @Override
                public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                        throws IOException {
                    return dialer.dial();
                }
            };
        }
    }
}
