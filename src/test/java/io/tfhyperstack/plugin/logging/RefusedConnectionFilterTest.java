package io.tfhyperstack.plugin.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RefusedConnectionFilterTest {
    private final RefusedConnectionFilter filter = new RefusedConnectionFilter();

    private static LogRecord warning(Throwable thrown) {
        LogRecord record = new LogRecord(Level.WARNING, "Error decoding HTTP/2 frames");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void aFailedTlsHandshakeIsNotPassedOnAsAWarning() {
        assertFalse(filter.isLoggable(warning(new SSLHandshakeException("the client certificate is not the one"))));
    }

    @Test
    void aConnectionClosedInsideTheTlsLayerIsNotEither() {
        SocketException closed = new SocketException("Connection or inbound has closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.security.ssl.SSLSocketImpl$AppInputStream", "read", "SSLSocketImpl.java", 1)});
        assertFalse(filter.isLoggable(warning(closed)));
    }

    @Test
    void otherTransportErrorsStillAre() {
        assertTrue(filter.isLoggable(warning(new IOException("frame too large"))));
        assertTrue(filter.isLoggable(warning(new SocketException("Broken pipe"))));
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "no exception")));
    }
}
