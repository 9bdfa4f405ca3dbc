package io.tfhyperstack.framework.diag;

/** How serious a {@link Diagnostic} is. An error stops the operation; a warning is only shown. */
public enum Severity {
    ERROR,
    WARNING
}
