package io.tfhyperstack.hyperstack;

/** HTTP 400 (and other 4xx without a class of their own, such as 405): the API refused the request as given; repeating it will not help. */
public final class BadRequestException extends ApiException {
    public BadRequestException(String method, String path, int statusCode, String apiMessage, String errorReason, String advice) {
        super(method, path, statusCode, apiMessage, errorReason, advice);
    }
}
