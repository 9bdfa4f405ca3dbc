package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/** The objects an import produced (Terraform expects exactly one) and diagnostics. */
public record ImportOutcome(List<Imported> imported, Diagnostics diagnostics) {
    public record Imported(String typeName, Value state) {
    }
}
