package io.tfhyperstack.hyperstack;

/**
 * No usable answer: the connection failed or was reset, a timeout expired, or the body was not the
 * JSON the API documents. The message names the request (method and path) and the cause.
 */
public final class TransportException extends HyperstackException {
    private final boolean timeout;

    public TransportException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** True when a connect, read or whole-call timeout expired. */
    public boolean isTimeout() {
        return timeout;
    }
}
