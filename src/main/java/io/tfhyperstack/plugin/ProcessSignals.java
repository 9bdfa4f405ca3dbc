package io.tfhyperstack.plugin;

import io.tfhyperstack.util.Signals;

import java.util.logging.Logger;

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
        if (!Signals.ignore("INT")) {
            // -Xrs or a platform without SIGINT: nothing to ignore.
            LOG.fine("SIGINT cannot be ignored here");
        }
    }
}
