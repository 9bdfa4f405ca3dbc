package io.tfhyperstack.framework.planmodifier;

/**
 * Adjusts one attribute's planned value, or marks that changing it forces a new object. Runs in the
 * plan engine after computed values have been marked unknown and defaults applied.
 */
public interface PlanModifier {
    /** Markdown for the generated docs, e.g. "Changing this replaces the instance." */
    String description();

    void modify(PlanModifierRequest request, PlanModifierResponse response);
}
