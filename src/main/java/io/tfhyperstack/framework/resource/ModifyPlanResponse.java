package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

import java.util.ArrayList;
import java.util.List;

/** The adjusted plan, extra replacement paths and diagnostics. */
public final class ModifyPlanResponse {
    private Value plan;
    private final List<AttributePath> requiresReplace = new ArrayList<>();
    private final Diagnostics diagnostics = new Diagnostics();

    public ModifyPlanResponse(Value plan) {
        this.plan = plan;
    }

    public Value plan() {
        return plan;
    }

    public void plan(Value value) {
        this.plan = value;
    }

    public List<AttributePath> requiresReplace() {
        return requiresReplace;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
