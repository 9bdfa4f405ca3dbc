package io.tfhyperstack.provider.resource;

import io.tfhyperstack.hyperstack.HyperstackException;

/** The instance is running, but its {@code wait_for_port} did not accept a connection in time. */
public final class PortWaitException extends HyperstackException {
    PortWaitException(String message) {
        super(message);
    }
}
