package io.tfhyperstack.hyperstack;

import io.tfhyperstack.hyperstack.net.ConnectionFailure;
import java.io.IOException;

/**
 * What one attempt produced: an HTTP answer ({@code code}, its body and its Retry-After header), or,
 * with code 0, the I/O failure that prevented one, with {@code explained} when the connection's
 * settings (proxy, trust, name) tell what it was.
 */
record Outcome(int code, String body, String retryAfter, IOException failure, ConnectionFailure explained) {
    static Outcome answered(int code, String body, String retryAfter) {
        return new Outcome(code, body, retryAfter, null, null);
    }

    static Outcome failed(IOException failure) {
        return failed(failure, null);
    }

    static Outcome failed(IOException failure, ConnectionFailure explained) {
        return new Outcome(0, null, null, failure, explained);
    }

    boolean isSuccess() {
        return failure == null && code >= 200 && code < 300;
    }

    boolean isRateLimited() {
        return failure == null && code == 429;
    }

    /**
     * True when the request may or may not have been acted on: the connection failed or timed out,
     * or the API failed with a 5xx after perhaps doing the work. A proxy, trust or name failure is not:
     * the request never reached the API, and repeating it cannot mend it.
     */
    boolean isAmbiguous() {
        return (failure != null && (explained == null || !explained.permanent())) || code >= 500;
    }

    String summary() {
        return failure != null ? ErrorTranslator.describeFailure(failure) : "HTTP " + code;
    }
}
