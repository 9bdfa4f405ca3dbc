package io.tfhyperstack.framework.values;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.PathStep;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Visits and rewrites nested values together with their paths.
 *
 * <p>Paths use {@code attribute} steps for object attributes, {@code key} steps for map entries and
 * {@code index} steps for list and tuple elements. Set elements also get {@code index} steps, numbered in
 * the set's deterministic element order: enough to navigate the schema (which treats every element
 * alike), but not an identity Terraform would recognise.
 */
public final class ValueWalker {

    private ValueWalker() {
    }

    /**
     * Rewrites {@code value} bottom-up: children are transformed first, their container is rebuilt from
     * the results, and then {@code fn} sees the rebuilt container. {@code fn} gets every nested value,
     * including nulls, unknowns and the root (at {@link AttributePath#ROOT}); return the value unchanged
     * to keep it. Replacements must fit the slot they occupy (IllegalArgumentException otherwise), and
     * set elements that become equal are merged.
     */
    public static Value transform(Value value, BiFunction<AttributePath, Value, Value> fn) {
        return transform(AttributePath.ROOT, value, fn);
    }

    private static Value transform(AttributePath path, Value value, BiFunction<AttributePath, Value, Value> fn) {
        Value rebuilt = value;
        if (!value.isNullOrUnknown()) {
            Type type = value.type();
            if (type instanceof ObjectType ot) {
                Map<String, Value> out = new LinkedHashMap<>();
                value.entries().forEach((k, v) -> out.put(k, transform(path.attribute(k), v, fn)));
                rebuilt = Value.object(ot, out);
            } else if (type instanceof MapType mt) {
                Map<String, Value> out = new LinkedHashMap<>();
                value.entries().forEach((k, v) -> out.put(k, transform(path.key(k), v, fn)));
                rebuilt = Value.map(mt.element(), out);
            } else if (type instanceof ListType lt) {
                rebuilt = Value.list(lt.element(), transformElements(path, value.elements(), fn));
            } else if (type instanceof SetType st) {
                rebuilt = Value.set(st.element(), transformElements(path, value.elements(), fn));
            } else if (type instanceof TupleType tt) {
                rebuilt = Value.tuple(tt, transformElements(path, value.elements(), fn));
            }
        }
        return Objects.requireNonNull(fn.apply(path, rebuilt), () -> "transform returned null at " + describe(path));
    }

    private static List<Value> transformElements(AttributePath path, List<Value> elements,
                                                 BiFunction<AttributePath, Value, Value> fn) {
        List<Value> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(transform(path.index(i), elements.get(i), fn));
        }
        return out;
    }

    /** Calls {@code visitor} for the value and every nested value, parents before their children. */
    public static void walk(Value value, BiConsumer<AttributePath, Value> visitor) {
        walk(AttributePath.ROOT, value, visitor);
    }

    private static void walk(AttributePath path, Value value, BiConsumer<AttributePath, Value> visitor) {
        visitor.accept(path, value);
        if (value.isNullOrUnknown()) {
            return;
        }
        Type type = value.type();
        if (type instanceof ObjectType) {
            value.entries().forEach((k, v) -> walk(path.attribute(k), v, visitor));
        } else if (type instanceof MapType) {
            value.entries().forEach((k, v) -> walk(path.key(k), v, visitor));
        } else if (type instanceof ListType || type instanceof SetType || type instanceof TupleType) {
            List<Value> elements = value.elements();
            for (int i = 0; i < elements.size(); i++) {
                walk(path.index(i), elements.get(i), visitor);
            }
        }
    }

    /**
     * The value at {@code path} inside {@code value}.
     *
     * <ul>
     *   <li>Below a null the answer is a null of the nested type, below an unknown an unknown of it, so
     *       callers can read optional nested attributes without checking every level.</li>
     *   <li>A list index or map key that is absent also answers a null of the element type.</li>
     *   <li>A step that does not fit the type (an attribute step into a list, a name the object does not
     *       declare, a tuple index out of range) throws IllegalArgumentException: that is a programming
     *       error, not a state of the data.</li>
     * </ul>
     */
    public static Value at(Value value, AttributePath path) {
        Value current = value;
        AttributePath walked = AttributePath.ROOT;
        for (PathStep step : path.steps()) {
            Type childType = childType(current.type(), step, walked);
            walked = walked.with(step);
            if (current.isNull()) {
                current = Value.nullOf(childType);
                continue;
            }
            if (current.isUnknown()) {
                current = Value.unknown(childType);
                continue;
            }
            current = child(current, step, childType);
        }
        return current;
    }

    private static Value child(Value container, PathStep step, Type childType) {
        if (step instanceof PathStep.AttributeName a) {
            return container.entries().get(a.name());
        }
        if (step instanceof PathStep.ElementKeyString k) {
            Value v = container.entries().get(k.key());
            return v != null ? v : Value.nullOf(childType);
        }
        long index = ((PathStep.ElementKeyInt) step).index();
        List<Value> elements = container.elements();
        return index < elements.size() ? elements.get((int) index) : Value.nullOf(childType);
    }

    /** The declared type one step below {@code type}, or IllegalArgumentException when the step does not fit. */
    public static Type childType(Type type, PathStep step, AttributePath where) {
        if (type == Type.DYNAMIC) {
            return Type.DYNAMIC;
        }
        if (step instanceof PathStep.AttributeName a) {
            if (type instanceof ObjectType ot && ot.hasAttribute(a.name())) {
                return ot.attributeType(a.name());
            }
            throw mismatch(type, step, where);
        }
        if (step instanceof PathStep.ElementKeyString) {
            if (type instanceof MapType mt) {
                return mt.element();
            }
            throw mismatch(type, step, where);
        }
        long index = ((PathStep.ElementKeyInt) step).index();
        if (type instanceof ListType lt) {
            return lt.element();
        }
        if (type instanceof SetType st) {
            return st.element();
        }
        if (type instanceof TupleType tt && index < tt.size()) {
            return tt.elementType((int) index);
        }
        throw mismatch(type, step, where);
    }

    private static IllegalArgumentException mismatch(Type type, PathStep step, AttributePath where) {
        return new IllegalArgumentException("cannot apply step " + AttributePath.ROOT.with(step) + " to "
                + type.friendlyName() + " (" + type + ") at " + describe(where));
    }

    private static String describe(AttributePath path) {
        return path.isRoot() ? "the root" : path.toString();
    }
}
