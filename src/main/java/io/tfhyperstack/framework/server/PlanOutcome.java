package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/** A planned state, the attributes whose change forces replacement, and diagnostics. */
public record PlanOutcome(Value plannedState, List<AttributePath> requiresReplace, Diagnostics diagnostics) {
}
