package io.tfhyperstack.plugin.unix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import javax.net.ServerSocketFactory;

/**
 * A {@link ServerSocket} face on a unix-domain {@link ServerSocketChannel}. The JDK has unix sockets
 * only as channels (their {@code socket()} adaptor throws), while gRPC's OkHttp server accepts
 * connections through the classic socket API; this class is the bridge, and {@link #accept()} hands out
 * {@link UnixDomainSocket}s.
 *
 * <p>Only what a server needs is here: bind, accept, close. Options that mean nothing for a local
 * socket are accepted and ignored rather than refused, since callers set them out of habit.
 */
public final class UnixDomainServerSocket extends ServerSocket {
    private final Object lock = new Object();
    private ServerSocketChannel channel;
    private UnixDomainSocketAddress boundTo;
    private volatile boolean closed;

    public UnixDomainServerSocket() throws IOException {
        // The no-argument parent makes no file descriptor until one of its own methods needs one,
        // and every such method is overridden below.
        super();
    }

    /**
     * Makes unbound unix server sockets, for servers that create their socket from a factory and then
     * bind it to the address they were given (a {@link UnixDomainSocketAddress}).
     */
    public static ServerSocketFactory factory() {
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new UnixDomainServerSocket();
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                throw noPorts();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                throw noPorts();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                throw noPorts();
            }

            private SocketException noPorts() {
                return new SocketException("a unix socket is bound to a path, not a port");
            }
        };
    }

    @Override
    public void bind(SocketAddress endpoint) throws IOException {
        bind(endpoint, 0);
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        if (!(endpoint instanceof UnixDomainSocketAddress unix)) {
            throw new IllegalArgumentException("not a unix socket address: " + endpoint);
        }
        synchronized (lock) {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (channel != null) {
                throw new SocketException("Already bound");
            }
            ServerSocketChannel opened = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                opened.bind(unix, backlog);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            boundTo = unix;
        }
    }

    @Override
    public Socket accept() throws IOException {
        ServerSocketChannel listening;
        synchronized (lock) {
            listening = channel;
        }
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (listening == null) {
            throw new SocketException("Not bound");
        }
        try {
            return new UnixDomainSocket(listening.accept(), boundTo);
        } catch (ClosedChannelException e) {
            // What a classic server socket says when it is closed under a waiting accept().
            SocketException closedNow = new SocketException("Socket is closed");
            closedNow.initCause(e);
            throw closedNow;
        }
    }

    @Override
    public void close() throws IOException {
        ServerSocketChannel open;
        synchronized (lock) {
            closed = true;
            open = channel;
        }
        // Closing the channel wakes a thread blocked in accept(), which is how the server's accept loop
        // learns that it is over.
        if (open != null) {
            open.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isBound() {
        synchronized (lock) {
            return boundTo != null;
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        synchronized (lock) {
            return boundTo;
        }
    }

    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public void setSoTimeout(int timeout) {
    }

    @Override
    public int getSoTimeout() {
        return 0;
    }

    @Override
    public void setReuseAddress(boolean on) {
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public String toString() {
        return "UnixDomainServerSocket[" + (boundTo == null ? "unbound" : boundTo.getPath()) + "]";
    }
}
