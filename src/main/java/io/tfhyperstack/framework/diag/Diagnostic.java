package io.tfhyperstack.framework.diag;

import java.util.Objects;

/**
 * A message for the Terraform user. Problems travel as data, not exceptions, so that one operation can
 * report several of them and still return a partial result.
 *
 * @param path the attribute the message is about, or null when it concerns the whole resource or provider
 */
public record Diagnostic(Severity severity, String summary, String detail, AttributePath path) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        summary = summary == null ? "" : summary;
        detail = detail == null ? "" : detail;
    }

    public static Diagnostic error(String summary, String detail) {
        return new Diagnostic(Severity.ERROR, summary, detail, null);
    }

    public static Diagnostic error(AttributePath path, String summary, String detail) {
        return new Diagnostic(Severity.ERROR, summary, detail, path);
    }

    public static Diagnostic warning(String summary, String detail) {
        return new Diagnostic(Severity.WARNING, summary, detail, null);
    }

    public static Diagnostic warning(AttributePath path, String summary, String detail) {
        return new Diagnostic(Severity.WARNING, summary, detail, path);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same message attached to another path, e.g. when a nested check reports relative to its parent. */
    public Diagnostic withPath(AttributePath newPath) {
        return new Diagnostic(severity, summary, detail, newPath);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(severity.name()).append(": ").append(summary);
        if (path != null && !path.isRoot()) {
            sb.append(" (at ").append(path).append(')');
        }
        if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
