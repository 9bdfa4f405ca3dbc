package io.tfhyperstack.provider;

import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;

import java.util.Collection;
import java.util.List;

/**
 * Conversions between framework values and the Java values of the resource and data source models,
 * where null in Java stands for a null (or, in a plan, not yet known) value.
 */
public final class ModelValues {
    private ModelValues() {
    }

    public static Value string(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.string(s);
    }

    public static Value bool(Boolean b) {
        return b == null ? Value.nullOf(Type.BOOL) : Value.bool(b);
    }

    public static Value number(Long n) {
        return n == null ? Value.nullOf(Type.NUMBER) : Value.number(n);
    }

    /** A set of strings, or a null set for null. */
    public static Value stringSet(Collection<String> strings) {
        return strings == null ? Value.nullOf(Type.set(Type.STRING))
                : Value.set(Type.STRING, strings.stream().map(Value::string).toList());
    }

    /** The strings of a known list or set, sorted; null for a null or unknown value. */
    public static List<String> strings(Value collection) {
        return collection.isNullOrUnknown() ? null
                : collection.elements().stream().map(Value::asString).sorted().toList();
    }
}
