package io.tfhyperstack.hyperstack;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs each HTTP exchange at DEBUG (method, path, status, duration) and, at TRACE, the request
 * headers with {@code api_key} (and any Authorization) redacted. Bodies are not logged: a create
 * body carries user data, which may hold secrets of its own.
 */
final class LoggingInterceptor implements Interceptor {
    private final System.Logger log;

    LoggingInterceptor(System.Logger log) {
        this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String what = request.method() + " " + request.url().encodedPath();
        if (log.isLoggable(Level.TRACE)) {
            log.log(Level.TRACE, what + " headers: " + redacted(request.headers()));
        }
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            long ms = (System.nanoTime() - start) / 1_000_000;
            log.log(Level.DEBUG, () -> what + " -> " + response.code() + " in " + ms + " ms");
            return response;
        } catch (IOException | RuntimeException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            log.log(Level.DEBUG, () -> what + " -> failed after " + ms + " ms: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            throw e;
        }
    }

    /** Header dump with credentials replaced, for TRACE logs and tests. */
    static String redacted(Headers headers) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = lower.equals(HeaderInterceptor.API_KEY_HEADER) || lower.equals("authorization")
                    || lower.equals("proxy-authorization")
                    || lower.equals("cookie");
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(secret ? "<redacted>" : headers.value(i));
        }
        return sb.append('}').toString();
    }
}
