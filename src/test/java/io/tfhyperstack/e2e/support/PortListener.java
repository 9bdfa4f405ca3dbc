package io.tfhyperstack.e2e.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP listener that stands in for an instance's service (e.g. SSH): it takes connections and counts them. */
public final class PortListener implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    private PortListener(ServerSocket socket) {
        this.socket = socket;
        Thread t = new Thread(this::acceptAll, "port-listener-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Listens on {@code ip}:{@code port}. */
    public static PortListener on(String ip, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 50);
        return new PortListener(s);
    }

    /** Listens on a free port of every local address, so on any loopback address too. */
    public static PortListener anyAddress() throws IOException {
        return new PortListener(new ServerSocket(0));
    }

    /** A port free on loopback now, for a listener to bind later. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many connections it has taken. */
    public int accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                // taken and let go at once: a probe only needs the connection to be accepted
                socket.accept().close();
                accepted.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
