package io.tfhyperstack.framework.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    @Test
    void warningsAloneAreNotErrors() {
        Diagnostics d = new Diagnostics();
        assertTrue(d.isEmpty());
        assertFalse(d.hasErrors());
        d.addWarning("careful", "detail");
        d.addWarning(AttributePath.root("x"), "careful too", "");
        assertFalse(d.isEmpty());
        assertFalse(d.hasErrors());
        d.addError(AttributePath.root("name"), "bad name", "must not be empty");
        assertTrue(d.hasErrors());
        assertEquals(3, d.list().size());
        assertEquals(1, d.errors().size());
    }

    @Test
    void keepsOrderAndPaths() {
        Diagnostics d = new Diagnostics();
        d.addError("first", "d1");
        d.add(Diagnostic.warning(AttributePath.root("a"), "second", "d2"));
        Diagnostics other = new Diagnostics().addError(AttributePath.root("b").index(0), "third", "d3");
        d.addAll(other);
        List<String> summaries = new ArrayList<>();
        for (Diagnostic diag : d) {
            summaries.add(diag.summary());
        }
        assertEquals(List.of("first", "second", "third"), summaries);
        assertNull(d.list().get(0).path());
        assertEquals(Severity.ERROR, d.list().get(0).severity());
        assertEquals(Severity.WARNING, d.list().get(1).severity());
        assertEquals("b[0]", d.list().get(2).path().toString());
        assertThrows(UnsupportedOperationException.class, () -> d.list().clear());
        d.addAll(d);
        assertEquals(6, d.list().size());
    }

    @Test
    void factories() {
        Diagnostic e = Diagnostic.error("s", "d");
        assertEquals(new Diagnostic(Severity.ERROR, "s", "d", null), e);
        Diagnostic w = Diagnostic.warning(AttributePath.root("p"), "s", null);
        assertEquals("", w.detail());
        assertEquals(AttributePath.root("p"), w.path());
        assertEquals("ERROR: s (at p): d", Diagnostic.error(AttributePath.root("p"), "s", "d").toString());
    }
}
