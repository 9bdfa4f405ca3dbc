package io.tfhyperstack.framework.text;

/**
 * What a person is told about an unexpected failure: its message, never a Java class name, which means
 * nothing to someone running Terraform (the stack trace, class and all, goes to the log).
 */
public final class FailureText {
    private FailureText() {
    }

    /** The failure's message, or a plain phrase when it has none. */
    public static String of(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "an internal error with no message" : message;
    }
}
