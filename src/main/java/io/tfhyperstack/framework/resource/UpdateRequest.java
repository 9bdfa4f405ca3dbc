package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/**
 * The configuration, the planned state and the prior state of an in-place update. Write-only values
 * are in the configuration only; plan and prior state hold null for them.
 */
public record UpdateRequest(Value config, Value plan, Value priorState) {
}
