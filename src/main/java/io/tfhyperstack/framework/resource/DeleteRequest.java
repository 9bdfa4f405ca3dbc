package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/** The state of the object to delete. */
public record DeleteRequest(Value priorState) {
}
