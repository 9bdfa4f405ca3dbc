package io.tfhyperstack.framework.types;

import java.util.Objects;

/** The list type: lists whose elements all have type {@code element}. */
public record ListType(Type element) implements Type {

    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "list of " + element.friendlyName();
    }

    @Override
    public boolean hasDynamic() {
        return element.hasDynamic();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof ListType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return "list(" + element + ")";
    }
}
