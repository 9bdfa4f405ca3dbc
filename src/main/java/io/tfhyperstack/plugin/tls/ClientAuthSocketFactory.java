package io.tfhyperstack.plugin.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers the server side of TLS over accepted connections, with the client's certificate required.
 * gRPC's OkHttp server takes TLS as an {@link SSLSocketFactory} and calls only the layering method; it
 * then switches the socket to server mode, narrows protocols and cipher suites to its own list and
 * negotiates ALPN "h2" itself, all on top of the parameters set here.
 *
 * <p>The context is fetched at the first connection rather than when the server is built, so that
 * making the key pair overlaps with the server's start-up.
 */
final class ClientAuthSocketFactory extends SSLSocketFactory {
    private static final Logger LOG = Logger.getLogger(ClientAuthSocketFactory.class.getName());
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** gRPC's ALPN step; its set-up runs once, when the class initialises. */
    private static final String ALPN_NEGOTIATOR = "io.grpc.okhttp.OkHttpProtocolNegotiator";

    private final Supplier<SSLContext> context;

    ClientAuthSocketFactory(Supplier<SSLContext> context) {
        this.context = context;
    }

    /**
     * Runs the set-up of gRPC's ALPN step ahead of the first connection. To find out which TLS
     * implementation it is on, the step initialises the JDK's default TLS context, which reads the
     * whole CA bundle (about 60 ms here) even though the plugin's TLS trusts one pinned certificate.
     * The HyperStack client needs the bundle later anyway; done here, it fills the time in which
     * Terraform reads the handshake line and connects, instead of delaying the first TLS handshake.
     */
    static void prepareAlpn() {
        try {
            Class.forName(ALPN_NEGOTIATOR, true, ClientAuthSocketFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Only a head start is lost; the first connection does the same work.
            LOG.log(Level.FINE, "could not prepare gRPC's ALPN step ahead of time", e);
        }
    }

    @Override
    public Socket createSocket(Socket accepted, String host, int port, boolean autoClose) throws IOException {
        SSLSocket tls = (SSLSocket) context.get().getSocketFactory().createSocket(accepted, host, port, autoClose);
        tls.setUseClientMode(false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        tls.setSSLParameters(parameters);
        return tls;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return context.get().getDefaultSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return context.get().getSupportedSSLParameters().getCipherSuites();
    }

    // The plugin never dials out over TLS; the client-side ways of making a socket are refused.

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw serverOnly();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw serverOnly();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw serverOnly();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw serverOnly();
    }

    private static SocketException serverOnly() {
        return new SocketException("server-side TLS only: layer over an accepted connection");
    }
}
