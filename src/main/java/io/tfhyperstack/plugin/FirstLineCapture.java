package io.tfhyperstack.plugin;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the plugin's stdout when the plugin runs inside the same JVM: keeps everything written
 * and lets another thread wait for the first line, the way a go-plugin client waits for the handshake.
 */
public final class FirstLineCapture extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch firstLine = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        if (b == '\n') {
            firstLine.countDown();
        }
    }

    /** The first line without its line break, or null if none came in time. */
    public String awaitFirstLine(long timeout, TimeUnit unit) throws InterruptedException {
        if (!firstLine.await(timeout, unit)) {
            return null;
        }
        String all = text();
        return all.substring(0, all.indexOf('\n')).replace("\r", "");
    }

    /** Everything written so far. */
    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
