package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;

/**
 * A value could not be encoded or decoded. Carries the path of the offending value so the protocol layer
 * can turn it into a diagnostic that points at the attribute. Unchecked: malformed input from Terraform
 * is a protocol failure, not something callers recover from value by value.
 */
public final class CodecException extends RuntimeException {

    private final AttributePath path;

    public CodecException(AttributePath path, String message) {
        this(path, message, null);
    }

    public CodecException(AttributePath path, String message, Throwable cause) {
        super(describe(path) + message, cause);
        this.path = path == null ? AttributePath.ROOT : path;
    }

    /** Where the problem is; {@link AttributePath#ROOT} for the whole value. */
    public AttributePath path() {
        return path;
    }

    private static String describe(AttributePath path) {
        return path == null || path.isRoot() ? "" : "at " + path + ": ";
    }
}
