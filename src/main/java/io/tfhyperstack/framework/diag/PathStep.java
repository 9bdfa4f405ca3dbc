package io.tfhyperstack.framework.diag;

import java.util.Objects;

/**
 * One step of an {@link AttributePath}. The three kinds mirror the steps the plugin protocol can carry,
 * so a path converts to the wire without loss.
 */
public sealed interface PathStep {

    /** An object attribute or a nested block, by name. */
    record AttributeName(String name) implements PathStep {
        public AttributeName {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An element of a map, by key. */
    record ElementKeyString(String key) implements PathStep {
        public ElementKeyString {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * An element of a list or tuple by position. Set elements have no stable position on the wire; the
     * framework still uses an index in its deterministic element order so that walkers can tell the set
     * from its elements.
     */
    record ElementKeyInt(long index) implements PathStep {
        public ElementKeyInt {
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative: " + index);
            }
        }
    }
}
