package io.tfhyperstack.plugin.logging;

import java.net.SocketException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * gRPC's transport sees a connection that fails TLS (a client without the certificate Terraform named,
 * or one that gives up mid-handshake) only as a read error, and warns "Error decoding HTTP/2 frames"
 * with a stack trace. For the plugin that is a refused connection: it is logged again here, at debug
 * level, as one line that says so.
 */
final class RefusedConnectionFilter implements Filter {
    private static final Logger LOG = Logger.getLogger("io.tfhyperstack.plugin.tls");

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (!isTlsFailure(thrown)) {
            return true;
        }
        LOG.fine(() -> "refused a connection: TLS failed: " + thrown.getMessage());
        return false;
    }

    static boolean isTlsFailure(Throwable thrown) {
        if (thrown instanceof SSLException) {
            return true;
        }
        // The JDK's TLS socket reports a connection closed during the handshake as a plain SocketException.
        if (thrown instanceof SocketException && thrown.getStackTrace().length > 0) {
            return thrown.getStackTrace()[0].getClassName().startsWith("sun.security.ssl.");
        }
        return false;
    }
}
