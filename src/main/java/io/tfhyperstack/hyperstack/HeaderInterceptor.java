package io.tfhyperstack.hyperstack;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds what every request carries: the {@code api_key} header, the User-Agent, and Accept. */
final class HeaderInterceptor implements Interceptor {
    static final String API_KEY_HEADER = "api_key";

    private final String apiKey;
    private final String userAgent;

    HeaderInterceptor(String apiKey, String userAgent) {
        this.apiKey = apiKey;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder()
                .header(API_KEY_HEADER, apiKey)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .build());
    }

    @Override
    public String toString() {
        return "HeaderInterceptor[" + userAgent + "]";
    }
}
