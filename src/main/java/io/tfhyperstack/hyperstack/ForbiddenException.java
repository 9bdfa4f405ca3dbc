package io.tfhyperstack.hyperstack;

/** HTTP 403: the key is valid but may not do this. */
public final class ForbiddenException extends ApiException {
    public ForbiddenException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
