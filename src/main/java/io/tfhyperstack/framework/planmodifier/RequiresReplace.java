package io.tfhyperstack.framework.planmodifier;

/** A change to this attribute cannot be made in place: Terraform destroys and recreates the object. */
public final class RequiresReplace implements PlanModifier {
    public static final RequiresReplace INSTANCE = new RequiresReplace();

    private RequiresReplace() {
    }

    @Override
    public String description() {
        return "Changing this forces a new resource to be created.";
    }

    @Override
    public void modify(PlanModifierRequest request, PlanModifierResponse response) {
        if (request.creating()) {
            return;
        }
        // An unknown planned value may turn out equal to the prior one; Terraform shows the
        // replacement as possible either way, and the apply-time plan settles it.
        if (!response.plan().equals(request.state())) {
            response.requiresReplace(true);
        }
    }
}
