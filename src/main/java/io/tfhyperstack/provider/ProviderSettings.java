package io.tfhyperstack.provider;


import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.text.DurationString;
import io.tfhyperstack.framework.text.HttpUrls;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;

import java.time.Duration;
import java.util.Map;

/**
 * The provider block resolved against the environment: what the API client is built from.
 * The API key and the proxy URL (which may hold a password) are kept out of {@link #toString()} so they
 * cannot leak through a log line.
 *
 * @param proxyUrl the block's {@code proxy_url}, or null to take the proxy from the environment
 * @param caFile the block's {@code ca_file}, or null
 */
public record ProviderSettings(String apiKey, String apiAddress, int maxRetries, int requestsPerMinute,
                               Duration requestTimeout, Duration rateLimitWait, String proxyUrl, String caFile) {
    public static final String DEFAULT_API_ADDRESS = HyperstackClient.DEFAULT_BASE_URL;
    public static final String ENV_API_KEY = "HYPERSTACK_API_KEY";
    public static final String ENV_API_ADDRESS = "HYPERSTACK_API_ADDRESS";
    public static final int DEFAULT_MAX_RETRIES = HyperstackClient.DEFAULT_MAX_RETRIES;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = HyperstackClient.DEFAULT_REQUESTS_PER_MINUTE;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = HyperstackClient.DEFAULT_REQUEST_TIMEOUT;
    public static final Duration DEFAULT_RATE_LIMIT_WAIT = HyperstackClient.DEFAULT_RATE_LIMIT_WAIT;

    /**
     * Reads the provider block, falling back to the environment. Returns null, with diagnostics on
     * the right attributes, when the settings are unusable.
     */
    public static ProviderSettings resolve(Value config, Map<String, String> env, Diagnostics diagnostics) {
        String apiKey = stringOr(config.attribute("api_key"), env.get(ENV_API_KEY));
        if (apiKey == null || apiKey.isBlank()) {
            diagnostics.addError(AttributePath.ROOT.attribute("api_key"), "Missing HyperStack API key",
                    "Set api_key in the provider block or the " + ENV_API_KEY
                            + " environment variable. Keys are created in the HyperStack console under API Keys.");
        }
        String address = stringOr(config.attribute("api_address"), env.get(ENV_API_ADDRESS));
        if (address == null || address.isBlank()) {
            address = DEFAULT_API_ADDRESS;
        } else if (config.attribute("api_address").isNull()) {
            // The block's own value was checked at validate time; the environment's is checked here.
            String problem = HttpUrls.problem(address.trim());
            if (problem != null) {
                diagnostics.addError(AttributePath.ROOT.attribute("api_address"), "Invalid " + ENV_API_ADDRESS,
                        "The environment variable " + ENV_API_ADDRESS + " (\"" + address + "\") is not a valid "
                                + "http(s) URL: " + problem + ". Set it to the API's base URL (for example "
                                + DEFAULT_API_ADDRESS + "), or set api_address in the provider block.");
            }
        }
        int retries = intOr(config.attribute("max_retries"), DEFAULT_MAX_RETRIES);
        int rpm = intOr(config.attribute("requests_per_minute"), DEFAULT_REQUESTS_PER_MINUTE);
        Duration timeout = durationOr(config, "request_timeout", DEFAULT_REQUEST_TIMEOUT, diagnostics);
        Duration rateLimitWait = durationOr(config, "rate_limit_wait", DEFAULT_RATE_LIMIT_WAIT, diagnostics);
        if (diagnostics.hasErrors()) {
            return null;
        }
        return new ProviderSettings(apiKey.trim(), stripTrailingSlash(address.trim()), retries, rpm, timeout,
                rateLimitWait, stringOr(config.attribute("proxy_url"), null), stringOr(config.attribute("ca_file"), null));
    }

    private static Duration durationOr(Value config, String attribute, Duration fallback, Diagnostics diagnostics) {
        Value v = config.attribute(attribute);
        if (v.isNull()) {
            return fallback;
        }
        try {
            return DurationString.parse(v.asString());
        } catch (IllegalArgumentException e) {
            diagnostics.addError(AttributePath.ROOT.attribute(attribute), "Invalid duration", e.getMessage());
            return fallback;
        }
    }

    private static String stringOr(Value v, String fallback) {
        return v.isNull() ? fallback : v.asString();
    }

    private static int intOr(Value v, int fallback) {
        return v.isNull() ? fallback : (int) v.asLong();
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "ProviderSettings[apiAddress=" + apiAddress + ", maxRetries=" + maxRetries
                + ", requestsPerMinute=" + requestsPerMinute + ", requestTimeout=" + requestTimeout
                + ", rateLimitWait=" + rateLimitWait + "]";
    }
}
