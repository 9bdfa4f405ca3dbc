package io.tfhyperstack.service;

import io.tfhyperstack.plugin.unix.UnixDomainSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The launcher's side of the frame protocol, for tests: connect, send one request, read frames. */
final class ServiceClient implements AutoCloseable {
    private final UnixDomainSocket socket;
    private final InputStream in;
    private final OutputStream out;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    ServiceClient(Path path) throws IOException {
        socket = UnixDomainSocket.connect(path);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    ServiceClient send(Frame frame) throws IOException {
        FrameConnection.write(out, frame);
        out.flush();
        return this;
    }

    /** The next frame, or null at the end of the connection. */
    Frame next() throws IOException {
        return FrameConnection.read(in);
    }

    /** Reads O and E frames into the buffers until the first O frame; returns its text (the handshake). */
    String handshake() throws IOException {
        while (true) {
            Frame frame = next();
            if (frame == null) {
                throw new AssertionError("the connection ended before the handshake; stderr: " + stderrText());
            }
            switch (frame.type()) {
                case Frame.STDOUT -> {
                    stdout.write(frame.payload());
                    return frame.text().trim();
                }
                case Frame.STDERR -> stderr.write(frame.payload());
                default -> throw new AssertionError("unexpected frame " + (char) frame.type() + ": " + frame.text());
            }
        }
    }

    /** Reads until the exit frame; returns its code, or null when the connection ended without one. */
    Integer exitCode() throws IOException {
        for (Frame frame = next(); frame != null; frame = next()) {
            switch (frame.type()) {
                case Frame.STDOUT -> stdout.write(frame.payload());
                case Frame.STDERR -> stderr.write(frame.payload());
                case Frame.EXIT -> {
                    byte[] p = frame.payload();
                    return ((p[0] & 0xff) << 24) | ((p[1] & 0xff) << 16) | ((p[2] & 0xff) << 8) | (p[3] & 0xff);
                }
                default -> throw new AssertionError("unexpected frame " + (char) frame.type());
            }
        }
        return null;
    }

    String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
