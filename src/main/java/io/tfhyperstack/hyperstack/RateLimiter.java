package io.tfhyperstack.hyperstack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket that spaces requests so that a large plan slows down instead of tripping the API's
 * 429s (500 requests a minute per source IP, over all endpoints, counted in whole minutes).
 *
 * <p>One bucket per {@code requestsPerMinute} value for the whole process ({@link #shared(int)}): the
 * API counts per IP, so every client in this process must draw from the same bucket.
 *
 * <p>Sizing: a burst of {@code burst = max(1, rpm/20)} requests may go at once, and the bucket refills
 * at {@code rpm - burst} tokens a minute, so no 60-second window can see more than {@code rpm}
 * requests even when it starts with a full bucket.
 *
 * <p>Reservations may run into debt: {@link #reserve()} takes a token now and says how long the caller
 * must wait before using it. Waiting is the caller's business (with its cancellable sleeper), so no
 * thread here ever sleeps while holding the lock.
 */
public final class RateLimiter {
    private static final Map<Integer, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final int requestsPerMinute;
    private final double capacity;
    private final double nanosPerToken;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    RateLimiter(int requestsPerMinute, LongSupplier nanoTime) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        this.requestsPerMinute = requestsPerMinute;
        this.capacity = Math.max(1, requestsPerMinute / 20);
        double refillPerMinute = Math.max(1, requestsPerMinute - capacity);
        this.nanosPerToken = Duration.ofMinutes(1).toNanos() / refillPerMinute;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** The process-wide bucket for this rate. */
    public static RateLimiter shared(int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        return SHARED.computeIfAbsent(requestsPerMinute, rpm -> new RateLimiter(rpm, System::nanoTime));
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Takes one token; returns how long to wait before sending (zero when a token was at hand). */
    public synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) / nanosPerToken);
        lastRefill = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens * nanosPerToken));
    }

    /** Takes a token and waits for it with {@code sleeper}, stopping early if cancelled. */
    public void acquire(Sleeper sleeper, Cancellation cancellation) {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait, cancellation);
        }
    }
}
