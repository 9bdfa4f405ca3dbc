package io.tfhyperstack.framework.planmodifier;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

/** What a plan modifier decided: the planned value and whether the change forces replacement. */
public final class PlanModifierResponse {
    private Value plan;
    private boolean requiresReplace;
    private final Diagnostics diagnostics = new Diagnostics();

    public PlanModifierResponse(Value plan) {
        this.plan = plan;
    }

    public Value plan() {
        return plan;
    }

    public void plan(Value value) {
        this.plan = value;
    }

    public boolean requiresReplace() {
        return requiresReplace;
    }

    public void requiresReplace(boolean value) {
        this.requiresReplace = value;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
