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
    /** The plugin's own gRPC client (tests, training runs) logs frames here; see {@link FramePayloadFilter}. */
    private static final Logger GRPC_CLIENT_TRANSPORT = Logger.getLogger("io.grpc.okhttp.OkHttpClientTransport");
    /** The JDK logs every certificate it parses here at debug level, the whole CA bundle included. */
    private static final Logger JDK_SECURITY_EVENTS = Logger.getLogger("jdk.event.security");

    private ProviderLogging() {
    }

    /**
     * Replaces the root logger's handlers with one hclog JSON handler writing to {@code stderr}: the
     * plugin owns the process.
     *
     * @param level the threshold, usually from {@link HclogLevel#fromSettings}
     */
    public static void install(PrintStream stderr, HclogLevel level) {
        HclogJsonHandler handler = new HclogJsonHandler(stderr);
        handler.setLevel(level.threshold());
        replaceRootHandler(handler);
        applyLevel(level);
    }

    /**
     * Replaces the root logger's handlers with a {@link SessionLogRouter}: the provider service's
     * sessions each get their own stream and level, and what no session logs goes to {@code serviceLog}.
     *
     * @param serviceLevel the service log's own threshold
     */
    public static SessionLogRouter installRouter(Handler serviceLog, HclogLevel serviceLevel) {
        serviceLog.setLevel(serviceLevel.threshold());
        SessionLogRouter router = new SessionLogRouter(serviceLog, serviceLevel);
        replaceRootHandler(router);
        applyLevel(serviceLevel);
        return router;
    }

    private static void replaceRootHandler(Handler handler) {
        Logger root = Logger.getLogger("");
        for (Handler old : root.getHandlers()) {
            root.removeHandler(old);
        }
        root.addHandler(handler);
        GRPC_SERVER_TRANSPORT.setFilter(new FramePayloadFilter(new RefusedConnectionFilter()));
        GRPC_CLIENT_TRANSPORT.setFilter(new FramePayloadFilter(null));
    }

    /**
     * Sets the loggers' thresholds: records below the level are never even created. In the service this
     * is the most verbose level any live session asked for; each session's handler filters further.
     */
    static void applyLevel(HclogLevel level) {
        Logger.getLogger("").setLevel(level.threshold());
        GRPC.setLevel(level == HclogLevel.TRACE || level == HclogLevel.OFF
                ? null
                : maxOf(level.threshold(), Level.INFO));
        JDK_SECURITY_EVENTS.setLevel(level == HclogLevel.TRACE ? null : maxOf(level.threshold(), Level.INFO));
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }
}
