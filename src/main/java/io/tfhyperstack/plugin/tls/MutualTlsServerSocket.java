package io.tfhyperstack.plugin.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.Supplier;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A listening socket whose connections come out of {@link #accept()} as the server side of TLS: TLS 1.3
 * or 1.2, the client's certificate required, ALPN offering only "h2". The handshake itself runs on the
 * first read or write, on the connection's own thread.
 *
 * <p>TLS is done here, below gRPC, rather than with gRPC's TLS credentials: those check ALPN through a
 * helper that first sets up the JDK's default TLS context, which reads the whole CA bundle (100 ms of
 * CPU at the first connection here) for a plugin that trusts exactly one pinned certificate.
 *
 * <p>The listening socket underneath (unix or TCP) is bound, closed and asked for its address as usual.
 */
final class MutualTlsServerSocket extends ServerSocket {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String[] APPLICATION_PROTOCOLS = {"h2"};

    private final ServerSocket plain;
    private final Supplier<SSLContext> context;

    private MutualTlsServerSocket(ServerSocket plain, Supplier<SSLContext> context) throws IOException {
        super();
        this.plain = plain;
        this.context = context;
    }

    /**
     * Server sockets from {@code plain}, with TLS over every accepted connection; the context is asked
     * for at each accept, so it may still be in the making when the socket starts listening.
     */
    static ServerSocketFactory wrapping(ServerSocketFactory plain, Supplier<SSLContext> context) {
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new MutualTlsServerSocket(plain.createServerSocket(), context);
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return new MutualTlsServerSocket(plain.createServerSocket(port), context);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return new MutualTlsServerSocket(plain.createServerSocket(port, backlog), context);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                return new MutualTlsServerSocket(plain.createServerSocket(port, backlog, address), context);
            }
        };
    }

    @Override
    public Socket accept() throws IOException {
        Socket accepted = plain.accept();
        try {
            return serverSide(accepted);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    private SSLSocket serverSide(Socket accepted) throws IOException {
        // No peer host: the server neither sends nor checks a name; the client is known by its certificate.
        SSLSocket tls = (SSLSocket) context.get().getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        tls.setUseClientMode(false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        // A client that offers ALPN without h2 is refused in the handshake. One that offers no ALPN
        // at all is let through and must then speak HTTP/2, or the transport drops it at the preface.
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS);
        tls.setSSLParameters(parameters);
        return tls;
    }

    @Override
    public void bind(SocketAddress endpoint) throws IOException {
        plain.bind(endpoint);
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        plain.bind(endpoint, backlog);
    }

    @Override
    public void close() throws IOException {
        plain.close();
    }

    @Override
    public boolean isClosed() {
        return plain.isClosed();
    }

    @Override
    public boolean isBound() {
        return plain.isBound();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return plain.getLocalSocketAddress();
    }

    @Override
    public InetAddress getInetAddress() {
        return plain.getInetAddress();
    }

    @Override
    public int getLocalPort() {
        return plain.getLocalPort();
    }

    // ServerSocket's lock guards its own implementation, which this adapter does not use: the delegate's
    // methods lock for themselves
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        plain.setSoTimeout(timeout);
    }

    @SuppressWarnings("UnsynchronizedOverridesSynchronized") // as setSoTimeout
    @Override
    public int getSoTimeout() throws IOException {
        return plain.getSoTimeout();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        plain.setReuseAddress(on);
    }

    @Override
    public String toString() {
        return "MutualTls" + plain;
    }
}
