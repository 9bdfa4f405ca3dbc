package io.tfhyperstack.plugin.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FramePayloadFilterTest {
    @Test
    void aDataFrameLineKeepsItsShapeButLosesItsBytes() {
        // as grpc-okhttp's frame logger writes it: the first 64 bytes of the frame in hex
        LogRecord record = new LogRecord(Level.FINE, "INBOUND DATA: streamId=3 endStream=false length=13178 "
                + "bytes=00000033750a860a12830a12c4010a076170695f6b6579...");
        assertTrue(new FramePayloadFilter(null).isLoggable(record));
        assertEquals("INBOUND DATA: streamId=3 endStream=false length=13178", record.getMessage());
    }

    @Test
    void otherLinesAreLeftAloneAndTheNextFilterStillDecides() {
        LogRecord headers = new LogRecord(Level.FINE, "OUTBOUND HEADERS: streamId=3 headers=[...] padding=0 endStream=false");
        assertTrue(new FramePayloadFilter(null).isLoggable(headers));
        assertEquals("OUTBOUND HEADERS: streamId=3 headers=[...] padding=0 endStream=false", headers.getMessage());

        LogRecord refused = new LogRecord(Level.WARNING, "Error decoding HTTP/2 frames");
        refused.setThrown(new SSLHandshakeException("not the certificate Terraform named"));
        assertFalse(new FramePayloadFilter(new RefusedConnectionFilter()).isLoggable(refused));
    }
}
