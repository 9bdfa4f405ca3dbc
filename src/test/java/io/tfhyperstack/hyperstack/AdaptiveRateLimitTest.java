package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The budget learns the API's limit: decrease on 429, recovery while requests succeed, the ceiling, the hold. */
class AdaptiveRateLimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(500, now::get);

    /** Sends as fast as the limiter allows for {@code span}, each answer granted; returns how many went. */
    private int sendGranted(Duration span) {
        return send(span, true);
    }

    /** Sends as fast as the limiter allows for {@code span}; returns how many went. */
    private int send(Duration span, boolean tellGranted) {
        long end = now.get() + span.toNanos();
        int sent = 0;
        while (true) {
            now.addAndGet(limiter.reserve().toNanos());
            if (now.get() >= end) {
                return sent;
            }
            if (tellGranted) {
                limiter.granted();
            }
            sent++;
        }
    }

    @Test
    void aRateLimitDropsTheRateToAFractionOfWhatTheApiGrantedInTheLastMinute() {
        for (int i = 0; i < 40; i++) {
            limiter.granted();
            now.addAndGet(Duration.ofMillis(100).toNanos());
        }
        limiter.throttled("GET /core/virtual-machines");
        assertEquals(40 * RateLimiter.DECREASE, limiter.currentRate(), 0.001);
        assertEquals(500, limiter.requestsPerMinute(), "the ceiling stays");
    }

    @Test
    void aRateLimitAfterAQuietMinuteDoesNotTakeTheFewGrantedForTheLimit() {
        for (int i = 0; i < 3; i++) {
            limiter.granted();
        }
        limiter.throttled("GET /core/virtual-machines/1");
        assertEquals(RateLimiter.MIN_MEASURED * RateLimiter.DECREASE, limiter.currentRate(), 0.001);
    }

    @Test
    void withNothingGrantedLatelyTheDecreaseIsOfTheRateItself() {
        limiter.throttled("GET /core/virtual-machines");
        assertEquals(500 * RateLimiter.DECREASE, limiter.currentRate(), 0.001);
    }

    @Test
    void theRateDropsAtMostOnceAMinute() {
        limiter.throttled("a");
        limiter.throttled("b");
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        limiter.throttled("c");
        assertEquals(350, limiter.currentRate(), 0.001, "one window, one decrease");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        limiter.throttled("d");
        assertEquals(245, limiter.currentRate(), 0.001, "a 429 in the next window lowers it again");
    }

    @Test
    void theRateNeverDropsBelowTheFloor() {
        for (int i = 0; i < 40; i++) {
            limiter.throttled("x");
            now.addAndGet(Duration.ofMinutes(1).toNanos());
        }
        assertEquals(RateLimiter.MIN_RATE, limiter.currentRate(), 0.001);
        assertTrue(limiter.reserve().compareTo(Duration.ofMinutes(1)) <= 0, "and still moves");
    }

    @Test
    void aLoweredRateIsWhatTheBucketPaces() {
        for (int i = 0; i < 40; i++) {
            limiter.granted();
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        limiter.throttled("x");
        // 28 a minute: at most 28 requests in a minute, and so far fewer than the 500 of the ceiling.
        int sent = send(Duration.ofMinutes(1), false);
        assertTrue(sent <= 28 && sent >= 25, sent + " in the minute after the decrease");
    }

    @Test
    void theRateClimbsBackAdditivelyWhileRequestsSucceedButNeverAboveTheCeiling() {
        limiter.throttled("x");
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        double low = limiter.currentRate();
        int inAMinute = sendGranted(Duration.ofMinutes(1));
        double afterOne = limiter.currentRate();
        // 500 / 50 = 10 more a minute of requests, whatever the rate: additive, not a jump back.
        assertTrue(afterOne > low + 8 && afterOne < low + 12, low + " -> " + afterOne + " (" + inAMinute + " sent)");
        sendGranted(Duration.ofMinutes(30));
        assertEquals(500, limiter.currentRate(), 0.001, "back at the ceiling and no higher");
        sendGranted(Duration.ofMinutes(5));
        assertEquals(500, limiter.currentRate(), 0.001);
    }

    @Test
    void aHoldStopsEveryoneAndGivesTheHolderTheFirstTurn() {
        limiter.holdFor(Duration.ofSeconds(30));
        // The holder sends at 30 s without reserving; the next in line comes one interval after it.
        Duration next = limiter.reserve();
        assertTrue(next.compareTo(Duration.ofSeconds(30)) > 0 && next.compareTo(Duration.ofMillis(30_200)) < 0,
                next.toString());
        Duration third = limiter.reserve();
        assertTrue(third.compareTo(next) > 0, "spaced at the rate, not all at the end of the hold: " + third);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(Duration.ZERO, limiter.reserve(), "the hold is over");
    }
}
