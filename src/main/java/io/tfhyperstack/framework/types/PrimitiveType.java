package io.tfhyperstack.framework.types;

/** The three primitive types. */
public enum PrimitiveType implements Type {
    STRING("string"),
    NUMBER("number"),
    BOOL("bool");

    private final String name;

    PrimitiveType(String name) {
        this.name = name;
    }

    /** The cty name, also the JSON encoding without quotes. */
    public String ctyName() {
        return name;
    }

    @Override
    public String friendlyName() {
        return name;
    }

    @Override
    public boolean hasDynamic() {
        return false;
    }

    @Override
    public boolean accepts(Type actual) {
        return actual == this;
    }

    @Override
    public String toString() {
        return name;
    }
}
