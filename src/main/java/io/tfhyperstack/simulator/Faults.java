package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The simulator's fault knobs, changeable while it runs (from a test through {@link Simulator#faults()}
 * or over HTTP through {@code POST /_simulator/faults}). Thread-safe: every knob is read and written
 * under this object's monitor, and the random source is seeded so that a run can be repeated.
 */
public final class Faults {
    /** What an injected fault answers instead of the real thing. */
    record Injected(int status, String reason, String message, Long retryAfterSeconds) {
    }

    private static final class FailRule {
        final String method;
        final String path;
        final int status;
        int remaining;

        FailRule(String method, String path, int count, int status) {
            this.method = method;
            this.path = path;
            this.remaining = count;
            this.status = status;
        }
    }

    private final Duration defaultWindow;
    private long randomSeed;
    private Random random;
    private int rateLimit;
    private Duration rateWindow;
    private long windowStartNanos;
    private int windowCount;
    private double errorRate;
    private Duration latency = Duration.ZERO;
    private Duration retryAfter;
    private boolean retryAfterWindowEnd;
    private Pattern errorOnCreateNames;
    private final List<FailRule> failRules = new ArrayList<>();

    Faults(long randomSeed, Duration rateWindow) {
        this.randomSeed = randomSeed;
        this.random = new Random(randomSeed);
        this.defaultWindow = rateWindow;
        this.rateWindow = rateWindow;
    }

    /** Answer 429 to every API request past {@code perMinute} in the current minute; 0 turns the limit off. */
    public synchronized Faults rateLimit(int perMinute) {
        return rateLimit(perMinute, defaultWindow);
    }

    /** As {@link #rateLimit(int)} with a window other than a minute, so that a test can watch the limit lift. */
    public synchronized Faults rateLimit(int perWindow, Duration window) {
        if (perWindow < 0) {
            throw new IllegalArgumentException("rate limit must be >= 0");
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("rate limit window must be positive");
        }
        rateLimit = perWindow;
        rateWindow = window;
        windowCount = 0;
        windowStartNanos = System.nanoTime();
        return this;
    }

    /** The fraction (0.0 to 1.0) of API requests that answer 500 instead of doing anything. */
    public synchronized Faults errorRate(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("error rate must be between 0.0 and 1.0, got " + fraction);
        }
        errorRate = fraction;
        return this;
    }

    /** Re-seed the random source behind {@link #errorRate(double)}, for a repeatable run. */
    public synchronized Faults randomSeed(long seed) {
        randomSeed = seed;
        random = new Random(seed);
        return this;
    }

    /**
     * Send {@code Retry-After} (whole seconds, rounded up) with every 429; null (the default, as the API
     * documents no such header) sends none.
     */
    public synchronized Faults retryAfter(Duration wait) {
        if (wait != null && wait.isNegative()) {
            throw new IllegalArgumentException("retry-after must be >= 0");
        }
        retryAfter = wait;
        retryAfterWindowEnd = false;
        return this;
    }

    /**
     * Send {@code Retry-After} with every 429 of the rate limit saying when its window ends (whole
     * seconds, rounded up), as an API that counts in fixed windows can; other 429s get none.
     */
    public synchronized Faults retryAfterWindowEnd() {
        retryAfter = null;
        retryAfterWindowEnd = true;
        return this;
    }

    /** Time added before every API answer. */
    public synchronized Faults latency(Duration added) {
        if (added == null || added.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        latency = added;
        return this;
    }

    /** VMs created with a name that this regex finds (anywhere in the name) end in ERROR instead of ACTIVE; null turns it off. */
    public synchronized Faults errorOnCreateNames(String regex) {
        if (regex == null || regex.isEmpty()) {
            errorOnCreateNames = null;
            return this;
        }
        try {
            errorOnCreateNames = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex for error-on-create names: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Answer the next {@code count} API requests with {@code method} to {@code path} with {@code status}.
     * {@code path} is relative to {@code /v1} and may be a concrete path ({@code /core/virtual-machines/1001})
     * or a route template ({@code /core/virtual-machines/{id}}); {@code method} may be {@code *}.
     */
    public synchronized Faults failNext(String method, String path, int count, int status) {
        if (method == null || path == null || count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext needs a method, a path, count >= 1 and a status 400-599");
        }
        failRules.add(new FailRule(method.toUpperCase(Locale.ROOT), stripSlash(path), count, status));
        return this;
    }

    /** Every knob back to off (the random source is re-seeded with its seed). */
    public synchronized Faults clear() {
        rateLimit = 0;
        rateWindow = defaultWindow;
        windowCount = 0;
        errorRate = 0.0;
        latency = Duration.ZERO;
        retryAfter = null;
        retryAfterWindowEnd = false;
        errorOnCreateNames = null;
        failRules.clear();
        random = new Random(randomSeed);
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized boolean failsOnCreate(String name) {
        return errorOnCreateNames != null && errorOnCreateNames.matcher(name).find();
    }

    /**
     * Decides whether this API request is answered by a fault, in this order: the rate limit, the
     * "fail next" rules, the random error rate. Every request counts against the rate limit, even one
     * that is refused, as the real API's limit is on requests received.
     */
    synchronized Injected decide(String method, String path, String template) {
        if (rateLimit > 0) {
            long now = System.nanoTime();
            if (now - windowStartNanos >= rateWindow.toNanos()) {
                windowStartNanos = now;
                windowCount = 0;
            }
            windowCount++;
            if (windowCount > rateLimit) {
                String per = rateWindow.equals(Duration.ofMinutes(1)) ? "minute" : Durations.format(rateWindow);
                Long retryIn = retryAfterWindowEnd
                        ? Long.valueOf(ceilSeconds(windowStartNanos + rateWindow.toNanos() - now)) : retryAfterSeconds();
                return new Injected(429, "too_many_requests", "Too many requests: limit is " + rateLimit + " per " + per,
                        retryIn);
            }
        }
        String p = stripSlash(path);
        for (Iterator<FailRule> it = failRules.iterator(); it.hasNext(); ) {
            FailRule rule = it.next();
            boolean methodMatches = rule.method.equals("*") || rule.method.equals(method);
            boolean pathMatches = rule.path.equals(p) || (template != null && rule.path.equals(template));
            if (methodMatches && pathMatches) {
                if (--rule.remaining <= 0) {
                    it.remove();
                }
                return injected(rule.status);
            }
        }
        if (errorRate > 0.0 && random.nextDouble() < errorRate) {
            return injected(500);
        }
        return null;
    }

    private Injected injected(int status) {
        String message = status >= 500 ? "Internal Server Error" : "Injected fault " + status;
        return new Injected(status, ApiError.reasonFor(status), message, status == 429 ? retryAfterSeconds() : null);
    }

    private Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        return ceilSeconds(retryAfter.toNanos());
    }

    private static long ceilSeconds(long nanos) {
        long ms = Math.max(0, nanos) / 1_000_000;
        return (ms + 999) / 1000;
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The knobs as the admin endpoint shows them. */
    synchronized ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rate_limit", rateLimit);
        o.put("rate_limit_window_ms", rateWindow.toMillis());
        o.put("error_rate", errorRate);
        o.put("latency_ms", latency.toMillis());
        o.put("retry_after_ms", retryAfter == null ? null : retryAfter.toMillis());
        o.put("retry_after_window_end", retryAfterWindowEnd);
        o.put("error_on_create_names", errorOnCreateNames == null ? null : errorOnCreateNames.pattern());
        o.put("random_seed", randomSeed);
        ArrayNode rules = o.putArray("fail_next");
        for (FailRule r : failRules) {
            rules.addObject().put("method", r.method).put("path", r.path).put("count", r.remaining).put("status", r.status);
        }
        return o;
    }
}
