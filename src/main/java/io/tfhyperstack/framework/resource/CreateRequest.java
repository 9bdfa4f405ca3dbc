package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/**
 * The configuration and the planned state (unknowns are what create must fill in). Write-only values
 * are in the configuration only; the plan holds null for them.
 */
public record CreateRequest(Value config, Value plan) {
}
