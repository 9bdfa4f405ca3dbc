package io.tfhyperstack.plugin;

/**
 * A reason the plugin cannot start, worded for the person reading stderr. Carries the exit code so
 * that the caller does not have to map exception types to codes.
 */
public final class LaunchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public LaunchFailure(String message) {
        this(message, 1, null);
    }

    public LaunchFailure(String message, Throwable cause) {
        this(message, 1, cause);
    }

    private LaunchFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
