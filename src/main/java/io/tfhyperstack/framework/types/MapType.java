package io.tfhyperstack.framework.types;

import java.util.Objects;

/** The map type: maps whose elements all have type {@code element}. */
public record MapType(Type element) implements Type {

    public MapType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "map of " + element.friendlyName();
    }

    @Override
    public boolean hasDynamic() {
        return element.hasDynamic();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof MapType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return "map(" + element + ")";
    }
}
