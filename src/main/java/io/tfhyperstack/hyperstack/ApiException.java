package io.tfhyperstack.hyperstack;

/**
 * The API answered with an error status. Carries what the API said so callers need not parse the
 * message: the HTTP code, the API's own {@code message} and {@code error_reason} (either may be null
 * when the body had none), and the request's method and path (never its query or headers).
 */
public abstract class ApiException extends HyperstackException {
    private final String method;
    private final String path;
    private final int statusCode;
    private final String apiMessage;
    private final String errorReason;

    protected ApiException(String method, String path, int statusCode, String apiMessage, String errorReason,
            String advice) {
        super(describe(method, path, statusCode, apiMessage, errorReason, advice));
        this.method = method;
        this.path = path;
        this.statusCode = statusCode;
        this.apiMessage = apiMessage;
        this.errorReason = errorReason;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The API's {@code message}, or null. */
    public String apiMessage() {
        return apiMessage;
    }

    /** The API's {@code error_reason}, or null. */
    public String errorReason() {
        return errorReason;
    }

    static String describe(String method, String path, int code, String apiMessage, String errorReason,
            String advice) {
        StringBuilder sb = new StringBuilder();
        sb.append("HyperStack API ").append(method).append(' ').append(path).append(" failed with HTTP ").append(code);
        if (errorReason != null && !errorReason.isBlank()) {
            sb.append(" (").append(errorReason).append(')');
        }
        sb.append(": ");
        sb.append(apiMessage == null || apiMessage.isBlank() ? "the API gave no message" : apiMessage.strip());
        if (!sb.toString().endsWith(".")) {
            sb.append('.');
        }
        if (advice != null && !advice.isBlank()) {
            sb.append(' ').append(advice);
        }
        return sb.toString();
    }
}
