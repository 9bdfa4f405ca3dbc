package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.values.Value;

/**
 * The engine's side of write-only attributes. Terraform sends their values only in the configuration
 * and refuses any plan or state that holds one, so every plan and state leaving the engine goes
 * through {@link #nulled}: a resource that copies its configuration into its state cannot leak one.
 */
final class WriteOnlyValues {
    private WriteOnlyValues() {
    }

    /** {@code value} with every write-only attribute of {@code block} set to null. */
    static Value nulled(Block block, Value value) {
        if (value == null) {
            return null;
        }
        return ObjectTree.rewrite(block, AttributePath.ROOT, value, Value.nullOf(value.type()), value,
                (a, path, c, p, plan, parentNew) -> a.writeOnly() ? Value.nullOf(a.type()) : plan);
    }

    /**
     * An error on each write-only attribute the configuration sets, for a client that cannot handle
     * them: without it, the value would reach neither the resource nor the user's attention, or fail
     * later with a protocol error that names no attribute. An unknown value counts as set.
     */
    static void checkAllowed(Block block, Value config, ClientCapabilities client, Diagnostics diagnostics) {
        if (client.writeOnlyAttributesAllowed() || config.isNull() || config.isUnknown()) {
            return;
        }
        ObjectTree.rewrite(block, AttributePath.ROOT, config, Value.nullOf(config.type()), config,
                (a, path, c, p, plan, parentNew) -> {
                    if (a.writeOnly() && !c.isNull()) {
                        diagnostics.addError(path, "Write-only attribute not supported by this client",
                                path + " is a write-only attribute: its value is used but never stored in "
                                        + "state. This Terraform (or OpenTofu) does not support write-only "
                                        + "attributes; they need Terraform 1.11 or OpenTofu 1.11 or later. "
                                        + "Upgrade, or leave " + path + " unset.");
                    }
                    return plan;
                });
    }
}
