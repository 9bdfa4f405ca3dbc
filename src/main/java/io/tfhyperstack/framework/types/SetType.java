package io.tfhyperstack.framework.types;

import java.util.Objects;

/** The set type: sets whose elements all have type {@code element}. */
public record SetType(Type element) implements Type {

    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "set of " + element.friendlyName();
    }

    @Override
    public boolean hasDynamic() {
        return element.hasDynamic();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof SetType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return "set(" + element + ")";
    }
}
