package io.tfhyperstack.hyperstack;

import java.io.IOException;

/**
 * What one attempt produced: an HTTP answer ({@code code}, its body and its Retry-After header), or,
 * with code 0, the I/O failure that prevented one.
 */
record Outcome(int code, String body, String retryAfter, IOException failure) {
    static Outcome answered(int code, String body, String retryAfter) {
        return new Outcome(code, body, retryAfter, null);
    }

    static Outcome failed(IOException failure) {
        return new Outcome(0, null, null, failure);
    }

    boolean isSuccess() {
        return failure == null && code >= 200 && code < 300;
    }

    boolean isRateLimited() {
        return failure == null && code == 429;
    }

    /**
     * True when the request may or may not have been acted on: the connection failed or timed out,
     * or the API failed with a 5xx after perhaps doing the work.
     */
    boolean isAmbiguous() {
        return failure != null || code >= 500;
    }

    String summary() {
        return failure != null ? ErrorTranslator.describeFailure(failure) : "HTTP " + code;
    }
}
