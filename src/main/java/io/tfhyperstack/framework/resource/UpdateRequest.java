package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/** The configuration, the planned state and the prior state of an in-place update. */
public record UpdateRequest(Value config, Value plan, Value priorState) {
}
