package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/**
 * At most one of the named top-level attributes may be set, such as two ways of giving the same value.
 * Only known values conflict: an unknown one may turn out null. The error sits on each attribute after the first one set.
 */
public record AtMostOneOf(List<String> attributes) implements ConfigValidator {
    public AtMostOneOf {
        attributes = List.copyOf(attributes);
    }

    public static AtMostOneOf of(String... attributes) {
        return new AtMostOneOf(List.of(attributes));
    }

    @Override
    public String description() {
        return "At most one of " + StringValidators.joined(attributes.toArray(String[]::new)) + " may be set.";
    }

    @Override
    public void validate(Value config, Diagnostics diagnostics) {
        List<String> set = SetAttributes.of(config, attributes).known();
        for (String name : set.subList(Math.min(1, set.size()), set.size())) {
            diagnostics.addError(AttributePath.ROOT.attribute(name), "Conflicting arguments",
                    name + " cannot be set together with " + set.get(0) + ": they give the same thing. "
                            + "Remove one of them.");
        }
    }
}
