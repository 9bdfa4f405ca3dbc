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
 * The request budget: a token bucket that spaces requests so that a large plan slows down instead of
 * tripping the API's 429s (a number of requests a minute per source IP, over all endpoints, counted in
 * whole minutes), and that learns how many the API really grants.
 *
 * <p>One bucket per API address, API key and {@code requestsPerMinute} value for the whole process
 * ({@link #shared}): the API counts per IP, so every client in this process that talks to the same API
 * as the same account must draw from the same bucket. In the provider service that process serves many
 * walks, and parallel walks with the same key share one budget, as they share the API's.
 *
 * <p>Adapting (additive increase, multiplicative decrease): the rate starts at {@code requestsPerMinute},
 * its ceiling. Others behind the same IP (parallel CI jobs, other tools) use the same limit unseen, so
 * a 429 is the only sign of what is left: on one, the rate drops to {@link #DECREASE} times the smaller
 * of the current rate and the number of requests the API granted in the last minute (but at least
 * {@link #MIN_MEASURED}), at most once per
 * minute, since the API's window is a minute and every 429 within it tells the same thing. While
 * requests succeed the rate climbs back by {@code requestsPerMinute / 50} a minute, never above the
 * ceiling. After a 429, {@link #holdFor} stops every client of the bucket until the retry is due, so the
 * others do not spend the next window's requests on 429s.
 *
 * <p>Sizing: a burst of {@code burst = max(1, rate/20)} requests may go at once, and the bucket refills
 * at {@code rate - burst} tokens a minute, so no 60-second window can see more than {@code rate}
 * requests even when it starts with a full bucket.
 *
 * <p>Reservations may run into debt: {@link #reserve()} takes a token now and says how long the caller
 * must wait before using it. Waiting is the caller's business (with its cancellable sleeper), so no
 * thread here ever sleeps while holding the lock.
 */
public final class RateLimiter {
    /** The factor a 429 applies to the rate. */
    static final double DECREASE = 0.7;
    /** The slowest the budget ever goes, in requests a minute. */
    static final double MIN_RATE = 1;
    /**
     * A 429 after a quiet minute says little about the limit (others used it up): the decrease starts
     * from at least this many a minute (or the ceiling, when lower) rather than from the few granted.
     */
    static final double MIN_MEASURED = 30;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();
    private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());
    private static final Map<Owner, RateLimiter> SHARED = new ConcurrentHashMap<>();
    /**
     * Keys are kept as salted digests: a process that outlives a walk (the provider service) must not
     * hold the walk's key, and the salt, new in every process, keeps the digest useless elsewhere.
     */
    private static final byte[] SALT = salt();

    private final int requestsPerMinute;
    private final double increasePerMinute;
    private final LongSupplier nanoTime;
    private final long[] grantedPerSecond = new long[60];
    private final long[] grantedSecond = new long[60];
    private double rate;
    private double capacity;
    private double nanosPerToken;
    private double tokens;
    private long lastRefill;
    private boolean decreased;
    private long lastDecrease;

    RateLimiter(int requestsPerMinute, LongSupplier nanoTime) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        this.requestsPerMinute = requestsPerMinute;
        this.increasePerMinute = Math.max(1, requestsPerMinute / 50.0);
        this.nanoTime = nanoTime;
        this.lastRefill = nanoTime.getAsLong();
        setRate(requestsPerMinute);
        this.tokens = capacity;
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

    /** The ceiling: the provider's {@code requests_per_minute}. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** The rate the bucket paces at now, in requests a minute (at most {@link #requestsPerMinute()}). */
    public synchronized double currentRate() {
        return rate;
    }

    /** Takes one token; returns how long to wait before sending (zero when a token was at hand). */
    public synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        refill(now);
        tokens -= 1;
        long held = Math.max(0, lastRefill - now);
        return Duration.ofNanos(held + (tokens >= 0 ? 0 : (long) Math.ceil(-tokens * nanosPerToken)));
    }

    /** Takes a token and waits for it with {@code sleeper}, stopping early if cancelled. */
    public void acquire(Sleeper sleeper, Cancellation cancellation) {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait, cancellation);
        }
    }

    /**
     * The API answered without throttling: the rate climbs back towards the ceiling, by
     * {@code requestsPerMinute / 50} for each minute's worth of requests at the current rate.
     */
    public synchronized void granted() {
        long now = nanoTime.getAsLong();
        int slot = countGranted(now);
        grantedPerSecond[slot]++;
        if (rate < requestsPerMinute) {
            refill(now);
            setRate(Math.min(requestsPerMinute, rate + increasePerMinute / rate));
        }
    }

    /**
     * The API answered 429 to {@code what}: unless the rate already dropped within the last minute, it
     * drops now (see the class comment), with one INFO line that says so.
     */
    public synchronized void throttled(String what) {
        long now = nanoTime.getAsLong();
        if (decreased && now - lastDecrease < MINUTE_NANOS) {
            return;
        }
        long grantedLastMinute = grantedInLastMinute(now);
        double measured = Math.max((double) grantedLastMinute, Math.min(MIN_MEASURED, requestsPerMinute));
        double base = grantedLastMinute > 0 ? Math.min(rate, measured) : rate;
        double before = rate;
        refill(now);
        setRate(Math.max(Math.min(MIN_RATE, requestsPerMinute), base * DECREASE));
        decreased = true;
        lastDecrease = now;
        String granted = grantedLastMinute > 0 ? "; it granted " + grantedLastMinute + " in the last minute" : "";
        LOG.log(System.Logger.Level.INFO, () -> String.format(
                "HyperStack API rate limit reached (HTTP 429 on %s%s): pacing requests at %.0f a minute, down from"
                        + " %.0f; the pace climbs back while requests succeed, at most to requests_per_minute (%d)",
                what, granted, rate, before, requestsPerMinute));
    }

    /**
     * Nobody sends before {@code pause} has passed, and the caller has the first turn after it: the
     * caller waits out its own retry delay and then sends without {@link #acquire}; every other
     * reservation comes after it, spaced at the rate.
     */
    public synchronized void holdFor(Duration pause) {
        long now = nanoTime.getAsLong();
        refill(now);
        tokens = Math.min(tokens, 1) - 1;
        lastRefill = Math.max(lastRefill, now + pause.toNanos());
    }

    /** Brings the tokens up to {@code now}; a {@code lastRefill} in the future (a hold) is left alone. */
    private void refill(long now) {
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) / nanosPerToken);
            lastRefill = now;
        }
    }

    private void setRate(double perMinute) {
        rate = perMinute;
        capacity = Math.max(1, Math.floor(perMinute / 20));
        double refillPerMinute = Math.max(MIN_RATE, perMinute - capacity);
        nanosPerToken = MINUTE_NANOS / refillPerMinute;
        tokens = Math.min(tokens, capacity);
    }

    /** The slot of the ring of per-second counts for {@code now}, cleared when it held an older second. */
    private int countGranted(long now) {
        long second = Math.floorDiv(now, SECOND_NANOS);
        int slot = (int) Math.floorMod(second, (long) grantedPerSecond.length);
        if (grantedSecond[slot] != second) {
            grantedSecond[slot] = second;
            grantedPerSecond[slot] = 0;
        }
        return slot;
    }

    private long grantedInLastMinute(long now) {
        long second = Math.floorDiv(now, SECOND_NANOS);
        long sum = 0;
        for (int i = 0; i < grantedPerSecond.length; i++) {
            if (second - grantedSecond[i] < grantedPerSecond.length) {
                sum += grantedPerSecond[i];
            }
        }
        return sum;
    }
}
