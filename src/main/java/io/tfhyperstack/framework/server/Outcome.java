package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

/**
 * The result of an operation that yields a state: the state (a null value when there is no object)
 * and the diagnostics to show.
 */
public record Outcome(Value state, Diagnostics diagnostics) {
}
