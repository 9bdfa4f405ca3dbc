package io.tfhyperstack.protocol;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostic;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.diag.PathStep;
import io.tfhyperstack.framework.diag.Severity;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6;

import java.util.ArrayList;
import java.util.List;

/** Diagnostics and attribute paths as the protocol carries them. */
final class WireDiagnostics {
    private WireDiagnostics() {
    }

    static List<Tfplugin6.Diagnostic> encode(Diagnostics diagnostics) {
        List<Tfplugin6.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics.list()) {
            Tfplugin6.Diagnostic.Builder b = Tfplugin6.Diagnostic.newBuilder()
                    .setSeverity(d.severity() == Severity.ERROR
                            ? Tfplugin6.Diagnostic.Severity.ERROR : Tfplugin6.Diagnostic.Severity.WARNING)
                    .setSummary(d.summary())
                    .setDetail(d.detail() == null ? "" : d.detail());
            if (d.path() != null && !d.path().steps().isEmpty()) {
                b.setAttribute(encodePath(d.path()));
            }
            out.add(b.build());
        }
        return out;
    }

    static Tfplugin6.AttributePath encodePath(AttributePath path) {
        Tfplugin6.AttributePath.Builder b = Tfplugin6.AttributePath.newBuilder();
        for (PathStep step : path.steps()) {
            Tfplugin6.AttributePath.Step.Builder s = Tfplugin6.AttributePath.Step.newBuilder();
            if (step instanceof PathStep.AttributeName a) {
                s.setAttributeName(a.name());
            } else if (step instanceof PathStep.ElementKeyString k) {
                s.setElementKeyString(k.key());
            } else if (step instanceof PathStep.ElementKeyInt i) {
                s.setElementKeyInt(i.index());
            }
            b.addSteps(s);
        }
        return b.build();
    }

    /** One error diagnostic without a path, for failures outside the engine. */
    static List<Tfplugin6.Diagnostic> error(String summary, String detail) {
        Diagnostics d = new Diagnostics();
        d.addError(summary, detail);
        return encode(d);
    }
}
