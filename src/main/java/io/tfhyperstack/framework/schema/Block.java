package io.tfhyperstack.framework.schema;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A block: attributes and nested blocks, plus the block's own description. */
public record Block(List<Attribute> attributes, List<NestedBlock> blocks, String description, boolean deprecated) {
    public Block {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
        description = description == null ? "" : description;
        var names = new java.util.HashSet<String>();
        for (Attribute a : attributes) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("duplicate attribute " + a.name());
            }
        }
        for (NestedBlock b : blocks) {
            if (!names.add(b.typeName())) {
                throw new IllegalArgumentException("duplicate attribute or block " + b.typeName());
            }
        }
    }

    public static Block of(List<Attribute> attributes) {
        return new Block(attributes, List.of(), "", false);
    }

    /** Whether a write-only attribute appears anywhere in the block; only resources may have one. */
    public boolean hasWriteOnly() {
        return WriteOnlyRules.anyWriteOnly(this);
    }

    public ObjectType objectType() {
        return objectTypeOf(attributes, blocks);
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<NestedBlock> block(String typeName) {
        return blocks.stream().filter(b -> b.typeName().equals(typeName)).findFirst();
    }

    static ObjectType objectTypeOf(List<Attribute> attributes, List<NestedBlock> blocks) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            types.put(a.name(), a.type());
        }
        for (NestedBlock b : blocks) {
            types.put(b.typeName(), b.type());
        }
        return Type.object(types);
    }
}
