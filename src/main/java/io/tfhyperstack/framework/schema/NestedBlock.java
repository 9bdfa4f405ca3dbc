package io.tfhyperstack.framework.schema;

import io.tfhyperstack.framework.types.Type;

/** A block inside a block, such as {@code timeouts { ... }}. */
public record NestedBlock(String typeName, NestingMode nesting, Block block, int minItems, int maxItems) {
    public NestedBlock {
        if (typeName == null || typeName.isEmpty()) {
            throw new IllegalArgumentException("nested block needs a type name");
        }
        if (nesting == NestingMode.SET && WriteOnlyRules.anyWriteOnly(block)) {
            // Terraform rejects such a schema: set elements have no identity to send a value to
            throw new IllegalArgumentException("block " + typeName + ": a set of blocks cannot hold a write-only attribute");
        }
    }

    public static NestedBlock single(String typeName, Block block) {
        return new NestedBlock(typeName, NestingMode.SINGLE, block, 0, 0);
    }

    /** The type of the value this block contributes to its parent object. */
    public Type type() {
        Type object = block.objectType();
        return switch (nesting) {
            case SINGLE, GROUP -> object;
            case LIST -> Type.list(object);
            case SET -> Type.set(object);
            case MAP -> Type.map(object);
        };
    }
}
