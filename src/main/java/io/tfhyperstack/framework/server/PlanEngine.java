package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.planmodifier.PlanModifier;
import io.tfhyperstack.framework.planmodifier.PlanModifierRequest;
import io.tfhyperstack.framework.planmodifier.PlanModifierResponse;
import io.tfhyperstack.framework.resource.ModifyPlanRequest;
import io.tfhyperstack.framework.resource.ModifyPlanResponse;
import io.tfhyperstack.framework.resource.PlanModifyingResource;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.values.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Terraform's proposed new state into a plan, applying the protocol's rules once for every
 * resource, in this order:
 * <ol>
 *   <li>write-only attributes become null: Terraform proposes their configured values, but they
 *       are never planned (and so never make a change by themselves);</li>
 *   <li>defaults fill optional+computed attributes the configuration leaves unset;</li>
 *   <li>on create, the remaining computed attributes without a value become unknown;</li>
 *   <li>on update, if anything changes, computed attributes the configuration leaves unset become
 *       unknown too, since the update may move them (plan modifiers such as use-state-for-unknown
 *       then keep the ones that cannot move);</li>
 *   <li>attribute plan modifiers run, collecting requires-replace paths;</li>
 *   <li>the resource's own whole-plan adjustment runs, if it has one;</li>
 *   <li>write-only attributes are nulled again, whatever a modifier made of them;</li>
 *   <li>the plan is checked against the configuration, so that a bug in a modifier shows up as an
 *       error naming the attribute rather than as Terraform's "invalid plan".</li>
 * </ol>
 */
final class PlanEngine {
    private PlanEngine() {
    }

    static PlanOutcome plan(Resource resource, Value prior, Value proposed, Value config) {
        Diagnostics diagnostics = new Diagnostics();
        if (proposed.isNull()) {
            return new PlanOutcome(proposed, List.of(), diagnostics);
        }
        Block block = resource.schema().block();
        boolean creating = prior.isNull();

        Value planned = ObjectTree.rewrite(block, AttributePath.ROOT, config, prior,
                WriteOnlyValues.nulled(block, proposed),
                (a, path, c, p, plan, parentNew) -> {
                    if (!a.mode().computed() || !c.isNull()) {
                        return plan;
                    }
                    if (a.defaultValue() != null) {
                        return a.defaultValue();
                    }
                    return parentNew ? Value.unknown(a.type()) : plan;
                });

        if (!creating && !planned.equals(prior)) {
            planned = ObjectTree.rewrite(block, AttributePath.ROOT, config, prior, planned,
                    (a, path, c, p, plan, parentNew) ->
                            a.mode().computed() && c.isNull() && a.defaultValue() == null
                                    ? Value.unknown(a.type()) : plan);
        }

        List<AttributePath> requiresReplace = new ArrayList<>();
        planned = ObjectTree.rewrite(block, AttributePath.ROOT, config, prior, planned,
                (a, path, c, p, plan, parentNew) -> {
                    Value current = plan;
                    for (PlanModifier modifier : a.planModifiers()) {
                        PlanModifierResponse response = new PlanModifierResponse(current);
                        modifier.modify(new PlanModifierRequest(path, c, p, current, parentNew), response);
                        diagnostics.addAll(response.diagnostics());
                        current = response.plan();
                        if (response.requiresReplace() && !requiresReplace.contains(path)) {
                            requiresReplace.add(path);
                        }
                    }
                    return current;
                });

        if (resource instanceof PlanModifyingResource modifying && !diagnostics.hasErrors()) {
            ModifyPlanResponse response = new ModifyPlanResponse(planned);
            modifying.modifyPlan(new ModifyPlanRequest(config, prior, planned), response);
            diagnostics.addAll(response.diagnostics());
            planned = response.plan();
            for (AttributePath path : response.requiresReplace()) {
                if (!requiresReplace.contains(path)) {
                    requiresReplace.add(path);
                }
            }
        }

        planned = WriteOnlyValues.nulled(block, planned);
        checkAgainstConfig(block, config, prior, planned, diagnostics);
        return new PlanOutcome(planned, List.copyOf(requiresReplace), diagnostics);
    }

    /**
     * Terraform rejects a plan that changes a value the user configured; catching it here gives
     * the attribute's name and the reason instead of a generic protocol error.
     */
    private static void checkAgainstConfig(Block block, Value config, Value prior, Value planned,
                                           Diagnostics diagnostics) {
        ObjectTree.rewrite(block, AttributePath.ROOT, config, prior, planned, (a, path, c, p, plan, parentNew) -> {
            // a write-only value is configured but always planned as null
            boolean providerMayFill = (a.mode().computed() && c.isNull()) || a.writeOnly();
            boolean consistent = providerMayFill || (c.isUnknown() ? plan.isUnknown() : plan.equals(c));
            if (!consistent && a.nested() == null) {
                diagnostics.addError(path, "Provider produced an invalid plan",
                        "The planned value of " + path + " differs from its configured value"
                                + (a.sensitive() ? "" : " (planned " + plan + ", configured " + c + ")")
                                + ". This is a bug in the provider; please report it.");
            }
            return plan;
        });
    }
}
