package io.tfhyperstack.framework.schema;

import java.util.List;

/** Where write-only attributes may appear: Terraform refuses a schema that puts one inside a set. */
final class WriteOnlyRules {
    private WriteOnlyRules() {
    }

    /** Whether any of these attributes, or any attribute nested in them, is write-only. */
    static boolean anyWriteOnly(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (a.writeOnly() || (a.nested() != null && anyWriteOnly(a.nested().attributes()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the block holds a write-only attribute anywhere, in nested blocks too. */
    static boolean anyWriteOnly(Block block) {
        if (anyWriteOnly(block.attributes())) {
            return true;
        }
        for (NestedBlock b : block.blocks()) {
            if (anyWriteOnly(b.block())) {
                return true;
            }
        }
        return false;
    }
}
