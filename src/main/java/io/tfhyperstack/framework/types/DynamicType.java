package io.tfhyperstack.framework.types;

/**
 * cty's DynamicPseudoType. Only null and unknown values have this type; a known value placed in a
 * dynamic slot keeps its own concrete type.
 */
public enum DynamicType implements Type {
    DYNAMIC;

    @Override
    public String friendlyName() {
        return "dynamic";
    }

    @Override
    public boolean hasDynamic() {
        return true;
    }

    @Override
    public boolean accepts(Type actual) {
        return true;
    }

    @Override
    public String toString() {
        return "dynamic";
    }
}
