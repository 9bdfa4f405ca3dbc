package io.tfhyperstack.framework.planmodifier;

/**
 * Keeps a computed value from the prior state instead of showing it as "(known after apply)" on
 * updates, for values an update cannot change (ids, creation times, the region).
 */
public final class UseStateForUnknown implements PlanModifier {
    public static final UseStateForUnknown INSTANCE = new UseStateForUnknown();

    private UseStateForUnknown() {
    }

    @Override
    public String description() {
        return "The value does not change after creation.";
    }

    @Override
    public void modify(PlanModifierRequest request, PlanModifierResponse response) {
        if (request.creating() || request.state().isNull()) {
            return;
        }
        if (response.plan().isUnknown() && request.config().isNull()) {
            response.plan(request.state());
        }
    }
}
