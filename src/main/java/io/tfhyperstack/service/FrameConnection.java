package io.tfhyperstack.service;

import io.tfhyperstack.plugin.unix.UnixDomainSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/**
 * A launcher's connection, read and written as frames. Writes are whole frames under a lock: a session's
 * log lines come from many threads, and the launcher must never see two frames interleaved.
 */
final class FrameConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final DataInputStream in;
    private final DataOutputStream out;
    private volatile boolean broken;

    FrameConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        // Not Channels.newInputStream: a read waiting there holds the lock that a write needs (see
        // UnixDomainSocket), and a session writes log frames while its supervisor waits to read.
        UnixDomainSocket socket = UnixDomainSocket.of(channel);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    SocketChannel channel() {
        return channel;
    }

    /** The next frame, or null when the launcher closed the connection. */
    Frame read() throws IOException {
        return read(in);
    }

    static Frame read(InputStream stream) throws IOException {
        DataInputStream data = stream instanceof DataInputStream d ? d : new DataInputStream(stream);
        int type = data.read();
        if (type < 0) {
            return null;
        }
        int length = data.readInt();
        if (length < 0 || length > Frame.MAX_PAYLOAD) {
            throw new IOException("frame payload of " + Integer.toUnsignedString(length) + " bytes is too large");
        }
        byte[] payload = new byte[length];
        try {
            data.readFully(payload);
        } catch (EOFException e) {
            throw new IOException("the connection ended inside a frame", e);
        }
        return new Frame((byte) type, payload);
    }

    /**
     * Sends a frame; returns false when the launcher is gone. Callers that only relay output (log lines)
     * have nothing better to do with a dead launcher than to go on without it.
     */
    boolean send(Frame frame) {
        if (broken) {
            return false;
        }
        synchronized (out) {
            try {
                write(out, frame);
                out.flush();
                return true;
            } catch (IOException e) {
                broken = true;
                return false;
            }
        }
    }

    static void write(OutputStream stream, Frame frame) throws IOException {
        DataOutputStream data = stream instanceof DataOutputStream d ? d : new DataOutputStream(stream);
        data.writeByte(frame.type());
        data.writeInt(frame.payload().length);
        data.write(frame.payload());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket the peer already closed
        }
    }
}
