package io.tfhyperstack.plugin.logging;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes all of the process's java.util.logging (and so System.Logger) output to Terraform. Installed on
 * the root logger, so every other package just logs and never needs to know where lines go.
 */
public final class ProviderLogging {
    /**
     * gRPC's debug output is about itself (every HTTP/2 frame, optional modules it looked for and did
     * not find), not about the provider; only trace should show it. Held so that JUL's weak references
     * do not drop the level set on it.
     */
    private static final Logger GRPC = Logger.getLogger("io.grpc");
    /** Where gRPC reports connections that failed; see {@link RefusedConnectionFilter}. */
    private static final Logger GRPC_SERVER_TRANSPORT = Logger.getLogger("io.grpc.okhttp.OkHttpServerTransport");
    /** The JDK logs every certificate it parses here at debug level, the whole CA bundle included. */
    private static final Logger JDK_SECURITY_EVENTS = Logger.getLogger("jdk.event.security");

    private ProviderLogging() {
    }

    /**
     * Replaces the root logger's handlers with one hclog JSON handler writing to {@code stderr}.
     *
     * @param level the threshold, usually from {@link HclogLevel#fromSettings}
     */
    public static void install(PrintStream stderr, HclogLevel level) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        HclogJsonHandler handler = new HclogJsonHandler(stderr);
        handler.setLevel(level.threshold());
        root.addHandler(handler);
        root.setLevel(level.threshold());
        GRPC_SERVER_TRANSPORT.setFilter(new RefusedConnectionFilter());
        GRPC.setLevel(level == HclogLevel.TRACE || level == HclogLevel.OFF
                ? null
                : maxOf(level.threshold(), Level.INFO));
        JDK_SECURITY_EVENTS.setLevel(level == HclogLevel.TRACE ? null : maxOf(level.threshold(), Level.INFO));
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }
}
