package io.tfhyperstack.hyperstack;

/** HTTP 404: no such resource in this key's region, or it was deleted. */
public final class NotFoundException extends ApiException {
    public NotFoundException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
