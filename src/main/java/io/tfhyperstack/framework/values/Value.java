package io.tfhyperstack.framework.values;

import io.tfhyperstack.framework.text.HclStrings;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * An immutable Terraform value of a given {@link Type}, in one of three states: null, unknown (known only
 * after apply) or known.
 *
 * <h2>Types of values</h2>
 * A value built by a container factory ({@link #list}, {@link #set}, {@link #map}, {@link #object},
 * {@link #tuple}) has the declared type given to the factory, so a value decoded against a schema has the
 * schema's type. Dynamic slots follow cty: a value whose type is {@link Type#DYNAMIC} is only ever null
 * or unknown; a known value put into a dynamic slot keeps its own concrete type (for example an object
 * attribute declared dynamic may hold a {@code list(string)} value). There is therefore no wrapper for
 * dynamic values: put the concrete value in the slot. A null or unknown of type DYNAMIC put into a slot of
 * a concrete type takes the slot's type, which saves callers from retyping placeholders.
 *
 * <h2>Equality</h2>
 * {@link #equals} is structural: same type, same state, same contents. Numbers compare by value
 * ({@code 1 == 1.0}), sets ignore order, and unknowns are equal when their types are; refinements such as
 * {@link #isRefinedNotNull()} are hints and take no part in equality. This is not Terraform's
 * {@code ==} operator (which would answer "unknown" for unknowns).
 *
 * <h2>Sets</h2>
 * Sets drop duplicates among wholly known elements. Elements that contain unknowns are never merged,
 * as in cty: two unknowns may turn out to be different. {@link #elements()} returns set elements in a
 * deterministic order (strings and numbers ascending, then by their printed form; unknowns and nulls last).
 */
public final class Value {

    private enum State { NULL, UNKNOWN, KNOWN }

    private final Type type;
    private final State state;
    /** String, BigDecimal, Boolean, List&lt;Value&gt; (list, set, tuple) or Map&lt;String, Value&gt; (map, object). */
    private final Object payload;
    private final boolean notNull;
    private final boolean whollyKnown;

    private Value(Type type, State state, Object payload, boolean notNull, boolean whollyKnown) {
        this.type = type;
        this.state = state;
        this.payload = payload;
        this.notNull = notNull;
        this.whollyKnown = whollyKnown;
    }

    // ---------------------------------------------------------------- factories

    public static Value nullOf(Type type) {
        return new Value(Objects.requireNonNull(type, "type"), State.NULL, null, false, true);
    }

    public static Value unknown(Type type) {
        return unknown(type, false);
    }

    /**
     * An unknown value; {@code notNull} records Terraform's refinement that the value will not be null
     * once known. The refinement is kept for messages only and is not written to the wire.
     */
    public static Value unknown(Type type, boolean notNull) {
        return new Value(Objects.requireNonNull(type, "type"), State.UNKNOWN, null, notNull, false);
    }

    public static Value string(String s) {
        return new Value(Type.STRING, State.KNOWN, Objects.requireNonNull(s, "string value"), false, true);
    }

    public static Value number(BigDecimal n) {
        return new Value(Type.NUMBER, State.KNOWN, Objects.requireNonNull(n, "number value"), false, true);
    }

    public static Value number(long n) {
        return number(BigDecimal.valueOf(n));
    }

    public static Value bool(boolean b) {
        return new Value(Type.BOOL, State.KNOWN, b, false, true);
    }

    /** A known list of the given element type; elements must conform to it (nulls are allowed). */
    public static Value list(Type element, List<Value> elements) {
        Objects.requireNonNull(elements, "elements");
        List<Value> copy = new ArrayList<>(elements.size());
        int i = 0;
        for (Value v : elements) {
            copy.add(slot(element, v, "list element " + i++));
        }
        return container(new ListType(element), Collections.unmodifiableList(copy));
    }

    /** A known set; duplicates among wholly known elements are dropped. */
    public static Value set(Type element, Collection<Value> elements) {
        Objects.requireNonNull(elements, "elements");
        List<Value> unique = new ArrayList<>(elements.size());
        Map<String, List<Value>> seen = new HashMap<>();
        for (Value v : elements) {
            Value e = slot(element, v, "set element");
            if (e.whollyKnown) {
                List<Value> same = seen.computeIfAbsent(e.canonicalKey(), k -> new ArrayList<>(1));
                if (same.contains(e)) {
                    continue;
                }
                same.add(e);
            }
            unique.add(e);
        }
        unique.sort(SET_ORDER);
        return container(new SetType(element), Collections.unmodifiableList(unique));
    }

    /** A known map; entries are kept sorted by key. */
    public static Value map(Type element, Map<String, Value> entries) {
        Objects.requireNonNull(entries, "entries");
        TreeMap<String, Value> copy = new TreeMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "map key"), slot(element, v, "map element \"" + k + "\"")));
        return container(new MapType(element), Collections.unmodifiableMap(copy));
    }

    /**
     * A known object. Attributes missing from {@code attributes} become null of their type; a name the
     * type does not declare is rejected with IllegalArgumentException.
     */
    public static Value object(ObjectType type, Map<String, Value> attributes) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(attributes, "attributes");
        for (String name : attributes.keySet()) {
            if (!type.hasAttribute(name)) {
                throw new IllegalArgumentException("unsupported attribute \"" + name + "\" for " + type
                        + "; expected one of " + type.attributeNames());
            }
        }
        TreeMap<String, Value> copy = new TreeMap<>();
        for (Map.Entry<String, Type> attr : type.attributes().entrySet()) {
            Value v = attributes.get(attr.getKey());
            copy.put(attr.getKey(), v == null ? nullOf(attr.getValue())
                    : slot(attr.getValue(), v, "attribute \"" + attr.getKey() + "\""));
        }
        return container(type, Collections.unmodifiableMap(copy));
    }

    /** A known tuple; there must be exactly one element per element type. */
    public static Value tuple(TupleType type, List<Value> elements) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(elements, "elements");
        if (elements.size() != type.size()) {
            throw new IllegalArgumentException("a " + type + " needs " + type.size() + " elements, got " + elements.size());
        }
        List<Value> copy = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            copy.add(slot(type.elementType(i), elements.get(i), "tuple element " + i));
        }
        return container(type, Collections.unmodifiableList(copy));
    }

    /** An empty list, set or map of the given collection type, or an object with all attributes null. */
    public static Value empty(Type type) {
        if (type instanceof ListType l) {
            return list(l.element(), List.of());
        } else if (type instanceof SetType s) {
            return set(s.element(), List.of());
        } else if (type instanceof MapType m) {
            return map(m.element(), Map.of());
        } else if (type instanceof ObjectType o) {
            return object(o, Map.of());
        }
        throw new IllegalArgumentException("no empty value for " + type);
    }

    private static Value container(Type type, Object payload) {
        boolean wk = true;
        for (Value v : children(payload)) {
            wk &= v.whollyKnown;
        }
        return new Value(type, State.KNOWN, payload, false, wk);
    }

    /** Checks that {@code v} may live in a slot of type {@code declared}, retyping a dynamic placeholder. */
    private static Value slot(Type declared, Value v, String where) {
        Objects.requireNonNull(v, () -> where + " is a Java null; use Value.nullOf(type)");
        if (v.type.equals(declared)) {
            return v;
        }
        if (v.type == Type.DYNAMIC && v.state != State.KNOWN) {
            return new Value(declared, v.state, null, v.notNull, v.whollyKnown);
        }
        if (!declared.accepts(v.type)) {
            throw new IllegalArgumentException(where + " must be " + declared.friendlyName() + " (" + declared
                    + "), got " + v.type.friendlyName() + " (" + v.type + ")");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Collection<Value> children(Object payload) {
        if (payload instanceof List<?> l) {
            return (List<Value>) l;
        } else if (payload instanceof Map<?, ?> m) {
            return ((Map<String, Value>) m).values();
        }
        return List.of();
    }

    // ---------------------------------------------------------------- state

    public Type type() {
        return type;
    }

    public boolean isNull() {
        return state == State.NULL;
    }

    public boolean isUnknown() {
        return state == State.UNKNOWN;
    }

    /** True unless the value is unknown; a null is known. Nested unknowns don't count: see {@link #isWhollyKnown()}. */
    public boolean isKnown() {
        return state != State.UNKNOWN;
    }

    /** True when there is no unknown anywhere in the value. */
    public boolean isWhollyKnown() {
        return whollyKnown;
    }

    public boolean isNullOrUnknown() {
        return state != State.KNOWN;
    }

    /** True for an unknown that Terraform promised will not be null (refined unknown), false otherwise. */
    public boolean isRefinedNotNull() {
        return state == State.UNKNOWN && notNull;
    }

    // ---------------------------------------------------------------- accessors

    public String asString() {
        return (String) known(Type.STRING, "asString");
    }

    public BigDecimal asNumber() {
        return (BigDecimal) known(Type.NUMBER, "asNumber");
    }

    /** The number as a long; IllegalStateException when it has a fraction or does not fit. */
    public long asLong() {
        BigDecimal n = asNumber();
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("number " + n.toPlainString() + " is not a whole number in the range of a long");
        }
    }

    public boolean asBool() {
        return (Boolean) known(Type.BOOL, "asBool");
    }

    /** The string, or null when the value is null or unknown. */
    public String stringOrNull() {
        return state == State.KNOWN ? asString() : requireType(Type.STRING, null);
    }

    /** The number, or null when the value is null or unknown. */
    public BigDecimal numberOrNull() {
        return state == State.KNOWN ? asNumber() : requireType(Type.NUMBER, null);
    }

    /** The number as a Long, or null when the value is null or unknown. */
    public Long longOrNull() {
        return state == State.KNOWN ? Long.valueOf(asLong()) : requireType(Type.NUMBER, null);
    }

    /** The bool, or null when the value is null or unknown. */
    public Boolean boolOrNull() {
        return state == State.KNOWN ? Boolean.valueOf(asBool()) : requireType(Type.BOOL, null);
    }

    /** Elements of a list, set (deterministic order) or tuple. */
    @SuppressWarnings("unchecked")
    public List<Value> elements() {
        requireKnown("elements");
        if (!(payload instanceof List<?>)) {
            throw new IllegalStateException("elements() needs a list, set or tuple, but the value is " + type.friendlyName());
        }
        return (List<Value>) payload;
    }

    /** Entries of a map or attributes of an object, sorted by key. */
    @SuppressWarnings("unchecked")
    public Map<String, Value> entries() {
        requireKnown("entries");
        if (!(payload instanceof Map<?, ?>)) {
            throw new IllegalStateException("entries() needs a map or object, but the value is " + type.friendlyName());
        }
        return (Map<String, Value>) payload;
    }

    /** Number of elements of a known list, set, tuple or map, or of attributes of an object. */
    public int size() {
        requireKnown("size");
        if (payload instanceof List<?> l) {
            return l.size();
        } else if (payload instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new IllegalStateException("size() needs a collection, object or tuple, but the value is " + type.friendlyName());
    }

    /** An attribute of a known object. */
    public Value attribute(String name) {
        ObjectType ot = objectType("attribute");
        requireKnown("attribute(\"" + name + "\")");
        if (!ot.hasAttribute(name)) {
            throw new IllegalArgumentException("no attribute \"" + name + "\" in " + ot);
        }
        return entries().get(name);
    }

    /** A copy of this known object with one attribute replaced. */
    public Value withAttribute(String name, Value v) {
        ObjectType ot = objectType("withAttribute");
        requireKnown("withAttribute(\"" + name + "\")");
        TreeMap<String, Value> copy = new TreeMap<>(entries());
        if (!ot.hasAttribute(name)) {
            throw new IllegalArgumentException("no attribute \"" + name + "\" in " + ot);
        }
        copy.put(name, v);
        return object(ot, copy);
    }

    /** Looks up a nested value; see {@link ValueWalker#at(Value, AttributePath)}. */
    public Value at(AttributePath path) {
        return ValueWalker.at(this, path);
    }

    /** See {@link ValueWalker#transform(Value, BiFunction)}. */
    public Value transform(BiFunction<AttributePath, Value, Value> fn) {
        return ValueWalker.transform(this, fn);
    }

    /** See {@link ValueWalker#walk(Value, BiConsumer)}. */
    public void walk(BiConsumer<AttributePath, Value> visitor) {
        ValueWalker.walk(this, visitor);
    }

    private ObjectType objectType(String op) {
        if (!(type instanceof ObjectType ot)) {
            throw new IllegalStateException(op + " needs an object, but the value is " + type.friendlyName());
        }
        return ot;
    }

    private Object known(Type expected, String op) {
        if (type != expected) {
            throw new IllegalStateException(op + "() needs a " + expected.friendlyName() + ", but the value is " + type.friendlyName());
        }
        requireKnown(op);
        return payload;
    }

    private <T> T requireType(Type expected, T result) {
        if (type != expected && type != Type.DYNAMIC) {
            throw new IllegalStateException("expected a " + expected.friendlyName() + ", but the value is " + type.friendlyName());
        }
        return result;
    }

    private void requireKnown(String op) {
        if (state == State.NULL) {
            throw new IllegalStateException(op + "() called on a null " + type.friendlyName());
        }
        if (state == State.UNKNOWN) {
            throw new IllegalStateException(op + "() called on an unknown " + type.friendlyName() + " (known only after apply)");
        }
    }

    // ---------------------------------------------------------------- equality and printing

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Value other) || state != other.state || !type.equals(other.type)) {
            return false;
        }
        if (state != State.KNOWN) {
            return true;
        }
        if (payload instanceof BigDecimal n) {
            return n.compareTo((BigDecimal) other.payload) == 0;
        }
        if (type instanceof SetType) {
            return sameElements(elements(), other.elements());
        }
        return payload.equals(other.payload);
    }

    private static boolean sameElements(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<String, List<Value>> remaining = new HashMap<>();
        for (Value v : b) {
            remaining.computeIfAbsent(v.canonicalKey(), k -> new ArrayList<>(1)).add(v);
        }
        for (Value v : a) {
            List<Value> same = remaining.get(v.canonicalKey());
            if (same == null || !same.remove(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string that equal values share and unequal ones rarely do: the type and the printed form without
     * refinements. Sets group elements by it instead of by {@link #hashCode}, since element hashes can
     * collide wholesale (strings built to share a hash) and a hash set of values that are not comparable
     * then compares each new element with every other one; strings are comparable, so even many keys with
     * one hash are found in logarithmic time. Equality is still decided by {@link #equals} within a group.
     */
    private String canonicalKey() {
        return type + "\n" + withoutRefinements();
    }

    private String withoutRefinements() {
        StringBuilder sb = new StringBuilder();
        print(sb, false);
        return sb.toString();
    }

    @Override
    @SuppressWarnings("EnumOrdinal") // stable within one run, which is all a hash code needs
    public int hashCode() {
        int h = type.hashCode() * 31 + state.ordinal();
        if (state != State.KNOWN) {
            return h;
        }
        if (payload instanceof BigDecimal n) {
            return h * 31 + n.stripTrailingZeros().hashCode();
        }
        if (type instanceof SetType) {
            int sum = 0;
            for (Value v : elements()) {
                sum += v.hashCode();
            }
            return h * 31 + sum;
        }
        return h * 31 + payload.hashCode();
    }

    /** An HCL-like rendering, e.g. {@code {name = "a", tags = toset(["x"]), size = (known after apply)}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, true);
        return sb.toString();
    }

    /** @param refinements whether to show what is known of unknowns, which equality ignores */
    private void print(StringBuilder sb, boolean refinements) {
        if (state == State.NULL) {
            sb.append("null");
            return;
        }
        if (state == State.UNKNOWN) {
            sb.append(notNull && refinements ? "(known after apply, not null)" : "(known after apply)");
            return;
        }
        if (payload instanceof String s) {
            sb.append(HclStrings.quote(s));
        } else if (payload instanceof BigDecimal n) {
            sb.append(plain(n));
        } else if (payload instanceof Boolean b) {
            sb.append(b);
        } else if (type instanceof ObjectType) {
            printMap(sb, entries(), false, refinements);
        } else if (type instanceof MapType) {
            printMap(sb, entries(), true, refinements);
        } else {
            boolean isSet = type instanceof SetType;
            sb.append(isSet ? "toset([" : "[");
            String sep = "";
            for (Value v : elements()) {
                sb.append(sep);
                v.print(sb, refinements);
                sep = ", ";
            }
            sb.append(isSet ? "])" : "]");
        }
    }

    private static void printMap(StringBuilder sb, Map<String, Value> m, boolean quoteKeys, boolean refinements) {
        sb.append('{');
        String sep = "";
        for (Map.Entry<String, Value> e : m.entrySet()) {
            sb.append(sep).append(quoteKeys ? HclStrings.quote(e.getKey()) : e.getKey()).append(" = ");
            e.getValue().print(sb, refinements);
            sep = ", ";
        }
        sb.append('}');
    }

    /** A number in plain decimal notation without trailing zeros, for messages and set ordering. */
    static String plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        // Plain notation of 1e100000 would be enormous; fall back to scientific for extreme exponents.
        return Math.abs(s.scale()) > 1000 ? s.toString() : s.toPlainString();
    }

    /**
     * Orders set elements deterministically: known before unknown before null; strings, numbers and
     * bools by value; anything else by its printed form (stable sort keeps ties in insertion order).
     */
    private static final Comparator<Value> SET_ORDER = (a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a.state != State.KNOWN) {
            return a.type.toString().compareTo(b.type.toString());
        }
        if (a.payload instanceof String x && b.payload instanceof String y) {
            return x.compareTo(y);
        }
        if (a.payload instanceof BigDecimal x && b.payload instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a.payload instanceof Boolean x && b.payload instanceof Boolean y) {
            return x.compareTo(y);
        }
        int c = a.type.toString().compareTo(b.type.toString());
        // Without refinements, which equality ignores: equal sets then list their elements alike.
        return c != 0 ? c : a.withoutRefinements().compareTo(b.withoutRefinements());
    };

    private static int rank(Value v) {
        return switch (v.state) {
            case KNOWN -> 0;
            case UNKNOWN -> 1;
            case NULL -> 2;
        };
    }
}
