package io.tfhyperstack.framework.schema;

import io.tfhyperstack.framework.types.ObjectType;

/**
 * A versioned schema of a provider block, resource or data source. The version matters for
 * resources only: stored state written under an older version goes through the state upgrade.
 */
public record Schema(long version, Block block) {
    public static Schema of(Block block) {
        return new Schema(0, block);
    }

    public ObjectType type() {
        return block.objectType();
    }
}
