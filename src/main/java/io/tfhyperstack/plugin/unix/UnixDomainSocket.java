package io.tfhyperstack.plugin.unix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One unix-domain connection behind the classic {@link Socket} API, so that code written for
 * sockets (gRPC's OkHttp transport, the JDK's layered {@code SSLSocket}) can run over it.
 *
 * <p>The streams read and write the channel directly. {@code Channels.newInputStream} would be shorter
 * but holds the channel's blocking lock while a read waits, and a writer on another thread then waits
 * for the reader: HTTP/2 reads and writes at the same time on one connection.
 */
public final class UnixDomainSocket extends Socket {
    private final SocketChannel channel;
    private final UnixDomainSocketAddress local;
    private final InputStream input = new ChannelInput();
    private final OutputStream output = new ChannelOutput();
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    private volatile int soTimeout;

    UnixDomainSocket(SocketChannel channel, UnixDomainSocketAddress local) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.local = local;
    }

    /** An accepted or connected channel behind the socket API. */
    public static UnixDomainSocket of(SocketChannel channel) {
        return new UnixDomainSocket(channel, null);
    }

    /** A connection to the unix socket at {@code path}, for clients of socket-based code. */
    public static UnixDomainSocket connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
        return new UnixDomainSocket(channel, null);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        ensureOpen();
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        ensureOpen();
        return output;
    }

    // Socket's lock guards its own implementation, which this adapter does not use; the channel's close
    // is thread-safe by itself
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public void shutdownInput() throws IOException {
        ensureOpen();
        channel.shutdownInput();
        inputShut = true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        channel.shutdownOutput();
        outputShut = true;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut;
    }

    /**
     * The peer of a local socket has no IP address; TLS code asks for one to name the session's host, so
     * the loopback address stands in.
     */
    @Override
    public InetAddress getInetAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            return remote != null ? remote : UnixDomainSocketAddress.of("");
        } catch (IOException e) {
            return UnixDomainSocketAddress.of("");
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return local;
    }

    // Options that TCP code sets: meaningless on a unix socket, so accepted and answered plainly.

    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    /** Kept for callers that read it back; reads on this socket wait without a limit. */
    @SuppressWarnings("UnsynchronizedOverridesSynchronized") // a plain int that nothing here reads
    @Override
    public void setSoTimeout(int timeout) {
        soTimeout = timeout;
    }

    @SuppressWarnings("UnsynchronizedOverridesSynchronized") // as setSoTimeout
    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public String toString() {
        return "UnixDomainSocket[" + (local == null ? "" : local.getPath()) + "]";
    }

    private void ensureOpen() throws SocketException {
        if (!channel.isOpen()) {
            throw new SocketException("Socket is closed");
        }
    }

    private final class ChannelInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            // A blocking channel returns at least one byte, or -1 at the end of the stream.
            return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void close() throws IOException {
            UnixDomainSocket.this.close();
        }
    }

    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            UnixDomainSocket.this.close();
        }
    }
}
