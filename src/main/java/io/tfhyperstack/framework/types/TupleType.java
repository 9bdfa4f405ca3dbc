package io.tfhyperstack.framework.types;

import java.util.List;
import java.util.Objects;

/** A tuple type: a fixed-length sequence whose positions each have their own type. */
public record TupleType(List<Type> elements) implements Type {

    public TupleType {
        Objects.requireNonNull(elements, "elements");
        elements = List.copyOf(elements);
    }

    public int size() {
        return elements.size();
    }

    public Type elementType(int index) {
        return elements.get(index);
    }

    @Override
    public String friendlyName() {
        return "tuple";
    }

    @Override
    public boolean hasDynamic() {
        return elements.stream().anyMatch(Type::hasDynamic);
    }

    @Override
    public boolean accepts(Type actual) {
        if (!(actual instanceof TupleType other) || other.elements.size() != elements.size()) {
            return false;
        }
        for (int i = 0; i < elements.size(); i++) {
            if (!elements.get(i).accepts(other.elements.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tuple([");
        String sep = "";
        for (Type t : elements) {
            sb.append(sep).append(t);
            sep = ", ";
        }
        return sb.append("])").toString();
    }
}
