package io.tfhyperstack.plugin.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a test closes one end inside try-with-resources to see the other end's EOF
class UnixDomainServerSocketTest {
    @TempDir
    Path directory;

    @Test
    void acceptsAConnectionAndCarriesBytesBothWays() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("s.sock"));
        try (ServerSocket server = UnixDomainServerSocket.factory().createServerSocket()) {
            server.bind(address);
            assertEquals(address, server.getLocalSocketAddress());
            try (SocketChannel client = SocketChannel.open(address); Socket accepted = server.accept()) {
                assertTrue(accepted.isConnected());
                client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                byte[] received = accepted.getInputStream().readNBytes(3);
                assertArrayEquals(new byte[] {1, 2, 3}, received);

                accepted.getOutputStream().write(new byte[] {4, 5}, 0, 2);
                ByteBuffer back = ByteBuffer.allocate(2);
                while (back.hasRemaining()) {
                    client.read(back);
                }
                assertArrayEquals(new byte[] {4, 5}, back.array());

                client.close();
                assertEquals(-1, accepted.getInputStream().read());
            }
        }
    }

    @Test
    void aWriteIsNotHeldUpByAReadWaitingOnAnotherThread() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("s.sock"));
        try (ServerSocket server = UnixDomainServerSocket.factory().createServerSocket()) {
            server.bind(address);
            try (SocketChannel client = SocketChannel.open(address); Socket accepted = server.accept()) {
                InputStream in = accepted.getInputStream();
                CompletableFuture<Integer> blockedRead = inBackground(in::read);
                Thread.sleep(100);
                // With Channels.newOutputStream this write would wait for the read above to finish.
                OutputStream out = accepted.getOutputStream();
                out.write(42);
                ByteBuffer one = ByteBuffer.allocate(1);
                client.read(one);
                assertEquals(42, one.get(0));
                assertFalse(blockedRead.isDone());
                client.write(ByteBuffer.wrap(new byte[] {7}));
                assertEquals(7, blockedRead.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void closingTheServerSocketEndsAWaitingAccept() throws Exception {
        ServerSocket server = UnixDomainServerSocket.factory().createServerSocket();
        server.bind(UnixDomainSocketAddress.of(directory.resolve("s.sock")));
        CompletableFuture<Socket> accepting = inBackground(server::accept);
        Thread.sleep(100);
        server.close();
        ExecutionException ended = assertThrows(ExecutionException.class, () -> accepting.get(5, TimeUnit.SECONDS));
        assertTrue(ended.getCause() instanceof SocketException, String.valueOf(ended.getCause()));
        assertTrue(server.isClosed());
        assertThrows(SocketException.class, server::accept);
    }

    @Test
    void closingTheAcceptedSocketClosesTheConnection() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("s.sock"));
        try (ServerSocket server = UnixDomainServerSocket.factory().createServerSocket()) {
            server.bind(address);
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(address);
                Socket accepted = server.accept();
                accepted.close();
                assertTrue(accepted.isClosed());
                assertEquals(-1, client.read(ByteBuffer.allocate(1)));
                assertThrows(SocketException.class, accepted::getInputStream);
            }
        }
    }

    @Test
    void onlyUnixAddressesAndNoPortsAreAccepted() throws Exception {
        try (ServerSocket server = UnixDomainServerSocket.factory().createServerSocket()) {
            assertThrows(IllegalArgumentException.class,
                    () -> server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            assertFalse(server.isBound());
        }
        assertThrows(SocketException.class, () -> UnixDomainServerSocket.factory().createServerSocket(8080));
    }

    /** A blocking socket call on another thread; an IOException fails the future with itself as cause. */
    private static <T> CompletableFuture<T> inBackground(IoCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "blocking-call");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }
}
