package io.tfhyperstack.hyperstack;

/** HTTP 429 that outlasted every retry. */
public final class RateLimitedException extends ApiException {
    public RateLimitedException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
