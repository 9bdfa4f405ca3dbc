package io.tfhyperstack.service;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * One of a session's two output streams: what is written gathers until a flush, then goes to the
 * launcher as one frame of the stream's type. PrintStream and the log handler flush after each line,
 * so a frame carries whole lines.
 */
final class FrameOutputStream extends OutputStream {
    private final FrameConnection connection;
    private final byte type;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    FrameOutputStream(FrameConnection connection, byte type) {
        this.connection = connection;
        this.type = type;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
    }

    @Override
    public synchronized void flush() {
        if (pending.size() > 0) {
            connection.send(new Frame(type, pending.toByteArray()));
            pending.reset();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
