package io.tfhyperstack.simulator;

/**
 * An answer other than 2xx, thrown from deep inside the simulated cloud and turned into the API's
 * error envelope ({@code {"status": false, "message": ..., "error_reason": ...}}) at the HTTP edge.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    ApiError(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError notAllowed(String message) {
        return new ApiError(405, "not_allowed", message);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, "already_exist", message);
    }

    static ApiError tooManyRequests(String message) {
        return new ApiError(429, "too_many_requests", message);
    }

    /** The reason word the API uses for a status code, for injected faults of any code. */
    static String reasonFor(int status) {
        switch (status) {
            case 400: return "bad_request";
            case 401: return "unauthorized";
            case 403: return "forbidden";
            case 404: return "not_found";
            case 405: return "not_allowed";
            case 409: return "already_exist";
            case 429: return "too_many_requests";
            default: return status >= 500 ? "server_error" : "error";
        }
    }
}
