package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.values.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of some top-level attributes a configuration sets. An unknown value may still turn out set or
 * null (e.g. {@code var.ip == null ? var.name : null} while variables are unknown), so it is counted
 * apart: the rules built on this only let what is known break them.
 *
 * @param known the attributes set to a known value, in the order named
 * @param anyUnknown whether any of them is unknown
 */
record SetAttributes(List<String> known, boolean anyUnknown) {
    SetAttributes {
        known = List.copyOf(known);
    }

    static SetAttributes of(Value config, List<String> names) {
        List<String> known = new ArrayList<>();
        boolean anyUnknown = false;
        for (String name : names) {
            Value v = config.attribute(name);
            if (v.isUnknown()) {
                anyUnknown = true;
            } else if (!v.isNull()) {
                known.add(name);
            }
        }
        return new SetAttributes(known, anyUnknown);
    }
}
