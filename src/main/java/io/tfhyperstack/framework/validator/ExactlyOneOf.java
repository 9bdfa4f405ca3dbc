package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/**
 * Exactly one of the named top-level attributes must be set. An unknown value may turn out set or
 * null (e.g. {@code var.ip == null ? var.name : null} while variables are unknown), so only what is
 * known can break the rule: two set values, or none set and none unknown.
 */
public record ExactlyOneOf(List<String> attributes) implements ConfigValidator {
    public ExactlyOneOf {
        attributes = List.copyOf(attributes);
    }

    public static ExactlyOneOf of(String... attributes) {
        return new ExactlyOneOf(List.of(attributes));
    }

    @Override
    public String description() {
        return "Exactly one of " + StringValidators.joined(attributes.toArray(String[]::new)) + " must be set.";
    }

    @Override
    public void validate(Value config, Diagnostics diagnostics) {
        SetAttributes found = SetAttributes.of(config, attributes);
        List<String> set = found.known();
        if (set.size() == 1 || (set.isEmpty() && found.anyUnknown())) {
            return;
        }
        String names = String.join(", ", attributes);
        if (set.isEmpty()) {
            diagnostics.addError(AttributePath.ROOT.attribute(attributes.get(0)), "Missing lookup argument",
                    "Exactly one of " + names + " must be set; none is.");
        } else {
            for (String name : set.subList(1, set.size())) {
                diagnostics.addError(AttributePath.ROOT.attribute(name), "Conflicting lookup arguments",
                        "Exactly one of " + names + " must be set; found " + String.join(" and ", set)
                                + ". Remove all but one.");
            }
        }
    }
}
