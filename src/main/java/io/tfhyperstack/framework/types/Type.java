package io.tfhyperstack.framework.types;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A Terraform (cty) type. Types are immutable and compare structurally, so two independently built
 * {@code list(string)} types are equal.
 *
 * <p>{@link #toJson()} and {@link #fromJson(String)} use cty's JSON type encoding, the form the plugin
 * protocol uses in schemas and inside dynamic values: {@code "string"}, {@code ["list","string"]},
 * {@code ["object",{"a":"number"}]}, {@code ["tuple",["bool"]]}, {@code "dynamic"}.
 */
// ClassInitializationDeadlock: the constants below alias PrimitiveType's and DynamicType's own, and an
// interface with default methods is initialized with its implementations; two threads that first touch
// Type and PrimitiveType at the same moment could wait on each other. The schemas, built on one thread
// before any RPC is served, touch both first.
@SuppressWarnings("ClassInitializationDeadlock")
public sealed interface Type
        permits PrimitiveType, DynamicType, ListType, SetType, MapType, ObjectType, TupleType {

    Type STRING = PrimitiveType.STRING;
    Type NUMBER = PrimitiveType.NUMBER;
    Type BOOL = PrimitiveType.BOOL;
    /** cty's DynamicPseudoType: a slot whose concrete type is only known from the value put in it. */
    Type DYNAMIC = DynamicType.DYNAMIC;

    static ListType list(Type element) {
        return new ListType(element);
    }

    static SetType set(Type element) {
        return new SetType(element);
    }

    static MapType map(Type element) {
        return new MapType(element);
    }

    static ObjectType object(Map<String, ? extends Type> attributes) {
        return new ObjectType(Map.copyOf(attributes));
    }

    static TupleType tuple(List<? extends Type> elements) {
        return new TupleType(List.copyOf(elements));
    }

    /** The cty JSON encoding of this type. */
    default String toJson() {
        StringBuilder sb = new StringBuilder();
        TypeJson.write(this, sb);
        return sb.toString();
    }

    /** Parses cty's JSON type encoding; throws IllegalArgumentException on anything malformed. */
    static Type fromJson(String json) {
        return TypeJson.parse(json);
    }

    static Type fromJson(byte[] json) {
        return TypeJson.parse(new String(json, StandardCharsets.UTF_8));
    }

    /** A short description for messages to users, e.g. "list of string". */
    String friendlyName();

    /** True for the collection types list, set and map, whose elements all share one type. */
    default boolean isCollection() {
        return this instanceof ListType || this instanceof SetType || this instanceof MapType;
    }

    default boolean isPrimitive() {
        return this instanceof PrimitiveType;
    }

    /** True when DYNAMIC occurs anywhere in this type. */
    boolean hasDynamic();

    /**
     * True when a value whose type is {@code actual} may be stored where this type is declared: equal
     * types, or DYNAMIC in this type at a place where {@code actual} has anything.
     */
    boolean accepts(Type actual);
}
