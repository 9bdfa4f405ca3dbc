package io.tfhyperstack.plugin;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C in a terminal reaches every process in the foreground group, the plugin included. Terraform
 * handles it by calling StopProvider and later Shutdown, so the plugin must not die on its own, exactly
 * like go-plugin servers, which ignore SIGINT.
 */
final class ProcessSignals {
    private static final Logger LOG = Logger.getLogger(ProcessSignals.class.getName());

    private ProcessSignals() {
    }

    static void ignoreInterrupt() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // -Xrs or a platform without SIGINT: nothing to ignore.
            LOG.log(Level.FINE, "SIGINT cannot be ignored here", e);
        }
    }
}
