package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.planmodifier.PlanModifier;
import io.tfhyperstack.framework.planmodifier.PlanModifierRequest;
import io.tfhyperstack.framework.planmodifier.PlanModifierResponse;

/**
 * Replacement for an argument the API never reports back (such as {@code user_data}): a change
 * replaces the object, but a prior value of null means the object was imported and the value was
 * never known, so the configured value is adopted in place instead of destroying a working instance.
 */
final class RequiresReplaceOnceKnown implements PlanModifier {
    static final RequiresReplaceOnceKnown INSTANCE = new RequiresReplaceOnceKnown();

    private RequiresReplaceOnceKnown() {
    }

    @Override
    public String description() {
        return "Changing this replaces the instance. After an import the API cannot tell its value, so the "
                + "configured value is adopted without replacement.";
    }

    @Override
    public void modify(PlanModifierRequest request, PlanModifierResponse response) {
        if (request.creating() || request.state().isNull()) {
            return;
        }
        if (!response.plan().equals(request.state())) {
            response.requiresReplace(true);
        }
    }
}
