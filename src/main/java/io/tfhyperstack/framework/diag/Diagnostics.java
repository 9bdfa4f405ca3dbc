package io.tfhyperstack.framework.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered collection of diagnostics that an operation fills as it goes. Mutable and not thread-safe:
 * one instance belongs to one request.
 */
public final class Diagnostics implements Iterable<Diagnostic> {

    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic diagnostic) {
        items.add(java.util.Objects.requireNonNull(diagnostic, "diagnostic"));
        return this;
    }

    public Diagnostics addAll(Diagnostics other) {
        if (other != this) {
            items.addAll(other.items);
        } else {
            items.addAll(List.copyOf(other.items));
        }
        return this;
    }

    public Diagnostics addAll(Iterable<Diagnostic> other) {
        for (Diagnostic d : List.copyOf(toList(other))) {
            add(d);
        }
        return this;
    }

    public Diagnostics addError(String summary, String detail) {
        return add(Diagnostic.error(summary, detail));
    }

    public Diagnostics addError(AttributePath path, String summary, String detail) {
        return add(Diagnostic.error(path, summary, detail));
    }

    public Diagnostics addWarning(String summary, String detail) {
        return add(Diagnostic.warning(summary, detail));
    }

    public Diagnostics addWarning(AttributePath path, String summary, String detail) {
        return add(Diagnostic.warning(path, summary, detail));
    }

    public boolean hasErrors() {
        for (Diagnostic d : items) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    /** A read-only view of the diagnostics in the order they were added. */
    public List<Diagnostic> list() {
        return Collections.unmodifiableList(items);
    }

    public List<Diagnostic> errors() {
        return items.stream().filter(Diagnostic::isError).toList();
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return list().iterator();
    }

    @Override
    public String toString() {
        return items.toString();
    }

    private static List<Diagnostic> toList(Iterable<Diagnostic> it) {
        List<Diagnostic> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
