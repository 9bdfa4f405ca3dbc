package io.tfhyperstack.hyperstack;

/** HTTP 401: the API key is missing, wrong or revoked. */
public final class UnauthorizedException extends ApiException {
    public UnauthorizedException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
