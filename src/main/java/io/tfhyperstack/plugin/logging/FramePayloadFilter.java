package io.tfhyperstack.plugin.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * At trace level gRPC's transports log every HTTP/2 DATA frame with its first bytes in hex. Those bytes
 * are Terraform's requests and the provider's answers: configuration, the API key, write-only values.
 * This keeps the line (direction, stream, length) and drops the bytes; other records pass to the next
 * filter, if any.
 */
final class FramePayloadFilter implements Filter {
    private static final String PAYLOAD = " bytes=";

    private final Filter next;

    FramePayloadFilter(Filter next) {
        this.next = next;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains(" DATA: ")) {
            int payload = message.indexOf(PAYLOAD);
            if (payload >= 0) {
                record.setMessage(message.substring(0, payload));
            }
        }
        return next == null || next.isLoggable(record);
    }
}
