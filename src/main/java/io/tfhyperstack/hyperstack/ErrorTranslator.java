package io.tfhyperstack.hyperstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tfhyperstack.hyperstack.net.ConnectionFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Words the API's failures for the person running Terraform: an HTTP error answer becomes the
 * {@link ApiException} of its code with the API's own message and advice, a failed connection a
 * {@link TransportException}. The one place that knows these words, and the one that keeps the API key
 * out of them, even when the API echoes it back.
 */
final class ErrorTranslator {
    private final String apiKey;
    private final String host;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;

    ErrorTranslator(String apiKey, String host, Duration connectTimeout, Duration readTimeout,
            Duration requestTimeout) {
        this.apiKey = apiKey;
        this.host = host;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The failure of {@code req} whose last attempt ended in {@code outcome}, after {@code retriesDone} retries. */
    HyperstackException translate(ApiRequest req, Outcome outcome, int retriesDone) {
        if (outcome.failure() != null) {
            return connectionFailed(req, outcome, retriesDone);
        }
        String apiMessage = null;
        String errorReason = null;
        try {
            if (outcome.body() != null && !outcome.body().isBlank()) {
                Wire.ErrorBody eb = Wire.JSON.readValue(outcome.body(), Wire.ErrorBody.class);
                if (eb != null) {
                    apiMessage = eb.message();
                    errorReason = eb.errorReason();
                }
            }
        } catch (JsonProcessingException notJson) {
            String text = outcome.body().strip();
            if (!text.startsWith("<")) {
                apiMessage = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            }
        }
        apiMessage = scrub(apiMessage);
        errorReason = scrub(errorReason);
        int code = outcome.code();
        String tries = " (gave up after " + (retriesDone + 1) + " attempt" + (retriesDone == 0 ? "" : "s") + ")";
        Advice advice = switch (code) {
            case 400 -> new Advice(BadRequestException::new,
                    "The API refused the request as sent; correct the argument the message names and apply again.");
            case 401 -> new Advice(UnauthorizedException::new,
                    "Check HYPERSTACK_API_KEY / the provider's api_key: the key is missing, mistyped or revoked.");
            case 403 -> new Advice(ForbiddenException::new,
                    "The API key is valid but not allowed to do this; check the key's organization and role in"
                            + " the HyperStack console.");
            case 404 -> new Advice(NotFoundException::new,
                    "The resource does not exist: it was deleted outside Terraform, or it belongs to another"
                            + " region (IDs are region-scoped).");
            case 409 -> new Advice(ConflictException::new,
                    "A virtual machine with this name already exists (or the resource is busy); choose another"
                            + " name or import the existing machine with terraform import.");
            case 429 -> new Advice(RateLimitedException::new,
                    "The API's rate limit (per source IP, shared with every other client there) was still exceeded"
                            + tries + " after waiting as long as the provider's rate_limit_wait (or the resource's"
                            + " timeout) allows. Raise rate_limit_wait, lower terraform -parallelism or the provider's"
                            + " requests_per_minute, or try again later.");
            default -> code >= 500
                    ? new Advice(ServerErrorException::new, "HyperStack had an internal error" + tries
                            + ". Try again later; if it persists, check the machine in the HyperStack console.")
                    : new Advice(BadRequestException::new,
                            "The API refused the request; this is likely a provider bug, please report it.");
        };
        return advice.exception().of(req.method(), req.path(), code, apiMessage, errorReason, advice.text());
    }

    /** The exception an HTTP code gets, and what to tell the user to do about it. */
    private record Advice(ExceptionForCode exception, String text) {
    }

    @FunctionalInterface
    private interface ExceptionForCode {
        ApiException of(String method, String path, int code, String apiMessage, String errorReason, String advice);
    }

    private TransportException connectionFailed(ApiRequest req, Outcome outcome, int retriesDone) {
        IOException failure = outcome.failure();
        String retried = retriesDone == 0 ? "" : " after " + (retriesDone + 1) + " attempts";
        ConnectionFailure explained = outcome.explained();
        if (explained != null) {
            return new TransportException(scrub("HyperStack API " + req.describe() + " failed" + retried + ": "
                    + explained.what() + ". " + explained.advice()), false, failure);
        }
        boolean timeout = isTimeout(failure);
        String advice = timeout
                ? "The API did not answer in time (connect " + connectTimeout.toMillis() + " ms, read "
                        + readTimeout.toMillis() + " ms, whole request " + requestTimeout.toMillis()
                        + " ms). Try again, or raise the provider's request timeout."
                : "Check the network connection to " + host
                        + " and the API address (HYPERSTACK_API_ADDRESS / the provider's api_address).";
        return new TransportException(scrub("HyperStack API " + req.describe() + " failed" + retried + ": "
                + describeFailure(failure) + ". " + advice), timeout, failure);
    }

    /** A 2xx answer that cannot be used: not JSON, or without what the API documents. */
    TransportException malformed(ApiRequest req, String what, Throwable cause) {
        return new TransportException(scrub("HyperStack API " + req.describe() + " answered, but " + what
                + ". The API may have changed or a proxy may have altered the answer; try again, and report it if it"
                + " persists."), false, cause);
    }

    /** The API key never leaves the client, even when the API echoes it back in a message. */
    String scrub(String text) {
        if (text == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "<redacted>");
    }

    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
    }

    /**
     * What went wrong with the connection, in words: this reaches Terraform users, to whom a Java class
     * name means nothing (the log line of the failed call keeps it, for whoever debugs).
     */
    static String describeFailure(IOException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        if (isTimeout(e)) {
            return "timed out";
        }
        if (e instanceof UnknownHostException) {
            return "the host name could not be resolved" + detail;
        }
        if (e instanceof ConnectException) {
            return "the connection was refused" + detail;
        }
        if (e instanceof SSLException) {
            return "the TLS connection failed" + detail;
        }
        if (e instanceof SocketException || e instanceof EOFException) {
            return "the connection broke" + detail;
        }
        return "the connection failed" + detail;
    }
}
