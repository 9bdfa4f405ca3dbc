package io.tfhyperstack.framework.resource;

/** A resource that adjusts the whole plan after the engine's per-attribute rules have run. */
public interface PlanModifyingResource extends Resource {
    void modifyPlan(ModifyPlanRequest request, ModifyPlanResponse response);
}
