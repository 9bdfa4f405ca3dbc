package io.tfhyperstack.hyperstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket that spaces requests so that a large plan slows down instead of tripping the API's
 * 429s (500 requests a minute per source IP, over all endpoints, counted in whole minutes).
 *
 * <p>One bucket per API address, API key and {@code requestsPerMinute} value for the whole process
 * ({@link #shared}): the API counts per IP, so every client in this process that talks to the same API
 * as the same account must draw from the same bucket. In the provider service that process serves many
 * walks, and parallel walks with the same key share one budget, as they share the API's.
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
    private static final Map<Owner, RateLimiter> SHARED = new ConcurrentHashMap<>();
    /**
     * Keys are kept as salted digests: a process that outlives a walk (the provider service) must not
     * hold the walk's key, and the salt, new in every process, keeps the digest useless elsewhere.
     */
    private static final byte[] SALT = salt();

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

    /** The process-wide bucket for this API, key and rate. */
    public static RateLimiter shared(String apiAddress, String apiKey, int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        Owner owner = new Owner(apiAddress, keyDigest(apiKey), requestsPerMinute);
        return SHARED.computeIfAbsent(owner, o -> new RateLimiter(o.requestsPerMinute(), System::nanoTime));
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    private static String keyDigest(String apiKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            return HexFormat.of().formatHex(sha.digest(String.valueOf(apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whose budget a bucket is. */
    private record Owner(String apiAddress, String keyDigest, int requestsPerMinute) {
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
