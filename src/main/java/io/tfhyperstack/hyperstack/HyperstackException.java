package io.tfhyperstack.hyperstack;

/**
 * Base of every failure this client reports. Unchecked, because callers (the provider) turn any of
 * them into a Terraform diagnostic the same way; the subclasses let them react to the few that need
 * a different answer (a 404 during refresh means "gone", a timeout during create means "taint").
 * Messages are complete sentences meant for a human: what happened, then what to do. They never hold
 * the API key.
 */
public class HyperstackException extends RuntimeException {
    public HyperstackException(String message) {
        super(message);
    }

    public HyperstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
