package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.values.Value;

/** Terraform rejects an apply result that differs from a value the plan knew; this keeps them. */
final class PlannedValues {
    private PlannedValues() {
    }

    /** {@code state} with every top-level value that the plan knew wholly taken from the plan. */
    static Value keepKnown(Value plan, Value state) {
        Value out = state;
        for (String name : plan.entries().keySet()) {
            Value planned = plan.attribute(name);
            if (planned.isWhollyKnown()) {
                out = out.withAttribute(name, planned);
            }
        }
        return out;
    }
}
