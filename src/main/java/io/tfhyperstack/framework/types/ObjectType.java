package io.tfhyperstack.framework.types;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An object type: a fixed set of named attributes, each with its own type. Attributes are kept sorted by
 * name because cty orders them that way on the wire and in messages.
 */
public record ObjectType(Map<String, Type> attributes) implements Type {

    public static final ObjectType EMPTY = new ObjectType(Map.of());

    public ObjectType {
        Objects.requireNonNull(attributes, "attributes");
        TreeMap<String, Type> sorted = new TreeMap<>();
        attributes.forEach((name, type) -> sorted.put(
                Objects.requireNonNull(name, "attribute name"),
                Objects.requireNonNull(type, () -> "type of attribute " + name)));
        attributes = Collections.unmodifiableMap(sorted);
    }

    /** The type of the named attribute, or null when there is no such attribute. */
    public Type attributeType(String name) {
        return attributes.get(name);
    }

    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    public Set<String> attributeNames() {
        return attributes.keySet();
    }

    @Override
    public String friendlyName() {
        return "object";
    }

    @Override
    public boolean hasDynamic() {
        return attributes.values().stream().anyMatch(Type::hasDynamic);
    }

    @Override
    public boolean accepts(Type actual) {
        if (!(actual instanceof ObjectType other) || !attributes.keySet().equals(other.attributes.keySet())) {
            return false;
        }
        for (Map.Entry<String, Type> e : attributes.entrySet()) {
            if (!e.getValue().accepts(other.attributes.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("object({");
        String sep = "";
        for (Map.Entry<String, Type> e : attributes.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append("})").toString();
    }
}
