package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/**
 * @param config     the configuration
 * @param priorState the prior state; a null value on create
 * @param plan       the plan so far
 */
public record ModifyPlanRequest(Value config, Value priorState, Value plan) {
    public boolean creating() {
        return priorState.isNull();
    }
}
