package io.tfhyperstack.plugin;

/**
 * After the handshake, stdout belongs to nobody: go-plugin clients treat later stdout lines as noise at
 * best, and a stray println before the handshake would break it. Everything that still writes to
 * {@code System.out} lands on stderr instead, where Terraform logs it.
 */
final class StdoutGuard {
    private StdoutGuard() {
    }

    static void redirectToStderr() {
        System.out.flush();
        System.setOut(System.err);
    }
}
