package io.tfhyperstack.hyperstack;

/** HTTP 409: the resource already exists (a duplicate name) or is in a state that forbids the change. */
public final class ConflictException extends ApiException {
    public ConflictException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
