package io.tfhyperstack.hyperstack;

/** HTTP 5xx that outlasted every retry (or, for a create, could not be resolved by a look-up). */
public final class ServerErrorException extends ApiException {
    public ServerErrorException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
