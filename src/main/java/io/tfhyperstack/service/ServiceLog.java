package io.tfhyperstack.service;

import io.tfhyperstack.plugin.logging.HclogJsonHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The service's own log: its life (start, sessions opened and ended, why it stopped) in hclog JSON lines,
 * in a few rotated files. Sessions log to their launchers, never here, and nothing here holds a walk's
 * environment.
 */
final class ServiceLog {
    /** Each file's size before the next one starts; the service says little, so a few files last long. */
    static final int FILE_BYTES = 1024 * 1024;
    static final int FILES = 3;

    private ServiceLog() {
    }

    /** A handler writing to {@code path}.0 (newest), .1, .2; or one that drops everything when path is null. */
    static Handler open(Path path) throws IOException {
        if (path == null) {
            return new Discard();
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        // FileHandler reads % as the start of a placeholder (%h, %t, %g); a literal one is written %%.
        FileHandler handler = new FileHandler(path.toString().replace("%", "%%"), FILE_BYTES, FILES, true);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return HclogJsonHandler.format(record) + System.lineSeparator();
            }
        });
        return handler;
    }

    private static final class Discard extends Handler {
        @Override
        public void publish(LogRecord record) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
