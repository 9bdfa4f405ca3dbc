package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.values.Value;

import java.util.List;

/** Which of some top-level attributes a configuration sets; an unknown value counts as set (it will be). */
final class SetAttributes {
    private SetAttributes() {
    }

    static List<String> of(Value config, List<String> names) {
        return names.stream().filter(name -> {
            Value v = config.attribute(name);
            return v.isUnknown() || !v.isNull();
        }).toList();
    }
}
