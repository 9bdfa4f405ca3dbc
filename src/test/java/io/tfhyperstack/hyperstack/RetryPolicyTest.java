package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.RetryPolicy.Decision;
import io.tfhyperstack.hyperstack.RetryPolicy.Verdict;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry decisions, for each kind of request and failure, without HTTP and on a clock the test moves. */
class RetryPolicyTest {
    private final InstanceDirectoryTest.MutableClock clock = new InstanceDirectoryTest.MutableClock();
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMinutes(2), clock);

    private static Outcome http(int code) {
        return Outcome.answered(code, "{}", null);
    }

    private static Outcome http(int code, String retryAfter) {
        return Outcome.answered(code, "{}", retryAfter);
    }

    private static Outcome timedOut() {
        return Outcome.failed(new SocketTimeoutException("timeout"));
    }

    private static void assertBackoff(int retry, Decision d) {
        long base = 1000L << retry;
        long ms = d.delay().toMillis();
        assertTrue(ms >= base && ms <= base * 5 / 4, "retry " + retry + " waits " + ms + " ms");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriedWithBackoffUpToMaxRetries(int code) {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.REPEATABLE);
        for (int retry = 0; retry < 3; retry++) {
            Decision d = attempts.after(http(code));
            assertEquals(Verdict.RETRY, d.verdict());
            assertFalse(d.checkEarlierAttempt());
            assertBackoff(retry, d);
        }
        Decision last = attempts.after(http(code));
        assertEquals(Verdict.GIVE_UP, last.verdict());
        assertFalse(last.checkEarlierAttempt());
        assertEquals(3, attempts.retries());
    }

    @Test
    void aRateLimitIsWaitedOutForRateLimitWaitNotCountedAgainstMaxRetries() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.REPEATABLE);
        Duration waited = Duration.ZERO;
        int retries = 0;
        Decision d = attempts.after(http(429));
        while (d.verdict() == Verdict.RETRY) {
            if (retries < 5) {
                assertBackoff(retries, d);
            }
            waited = waited.plus(d.delay());
            retries++;
            d = attempts.after(http(429));
        }
        assertTrue(retries > 3, "more than maxRetries: " + retries);
        // 1 + 2 + 4 + 8 + 16 + 32 + 32 s (plus jitter) span the API's minute twice, within two minutes.
        assertTrue(waited.compareTo(Duration.ofSeconds(63)) >= 0, waited.toString());
        assertTrue(waited.compareTo(Duration.ofMinutes(2)) <= 0, waited.toString());
        assertEquals(Verdict.GIVE_UP, d.verdict());
    }

    @Test
    void aRateLimitWithinATimeLimitIsWaitedOutUntilThatLimit() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE, Duration.ofMinutes(10));
        for (int i = 0; i < 9; i++) {
            assertEquals(Verdict.RETRY, attempts.after(http(429, "60")).verdict(), "wait " + i);
        }
        assertEquals(Verdict.GIVE_UP, attempts.after(http(429, "61")).verdict(), "9 min waited, 61 s more is past 10");
    }

    @Test
    void throttlingDoesNotUseUpTheRetriesOfOtherFailures() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.REPEATABLE);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.RETRY, attempts.after(http(429, "1")).verdict());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.RETRY, attempts.after(http(503, "1")).verdict());
        }
        assertEquals(Verdict.GIVE_UP, attempts.after(http(503, "1")).verdict());
        assertEquals(8, attempts.retries());
    }

    @Test
    void aRetryAfterLongerThanTheWaitLeftIsNotWaitedFor() {
        assertEquals(Verdict.GIVE_UP, policy.begin(RequestKind.REPEATABLE).after(http(429, "180")).verdict());
    }

    @Test
    void aFailedConnectionIsRetried() {
        assertEquals(Verdict.RETRY, policy.begin(RequestKind.REPEATABLE).after(timedOut()).verdict());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409})
    void aClearRefusalIsNeverRetried(int code) {
        for (RequestKind kind : RequestKind.values()) {
            Decision d = policy.begin(kind).after(http(code));
            assertEquals(Verdict.GIVE_UP, d.verdict(), kind + " " + code);
            assertFalse(d.checkEarlierAttempt(), kind + " " + code);
        }
    }

    @Test
    void retryAfterReplacesTheBackoffInSecondsOrAsADate() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.REPEATABLE);
        assertEquals(Duration.ofSeconds(7), attempts.after(http(429, "7")).delay());
        String in12s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
        assertEquals(Duration.ofSeconds(12), attempts.after(http(503, in12s)).delay());
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, attempts.after(http(503, "86400")).delay(), "capped");
    }

    @Test
    void aDeleteAnswered404OnARepeatIsDoneButNotOnTheFirstAttempt() {
        assertEquals(Verdict.GIVE_UP, policy.begin(RequestKind.DELETE).after(http(404)).verdict());
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.DELETE);
        assertEquals(Verdict.RETRY, attempts.after(http(502)).verdict());
        assertEquals(Verdict.DONE, attempts.after(http(404)).verdict());
        assertEquals(Verdict.GIVE_UP, policy.begin(RequestKind.REPEATABLE).after(http(404)).verdict(),
                "only a delete reads a 404 so");
    }

    @Test
    void aRateLimitedCreateIsRepeatedWithoutALookUp() {
        Decision d = policy.begin(RequestKind.CREATE).after(http(429));
        assertEquals(Verdict.RETRY, d.verdict());
        assertFalse(d.checkEarlierAttempt(), "a 429 means the API did nothing");
    }

    @Test
    void anAmbiguousCreateIsRepeatedOnlyAfterALookUp() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE);
        Decision afterTimeout = attempts.after(timedOut());
        assertEquals(Verdict.RETRY, afterTimeout.verdict());
        assertTrue(afterTimeout.checkEarlierAttempt());
        assertTrue(attempts.after(http(500)).checkEarlierAttempt());
        Decision throttled = attempts.after(http(429));
        assertEquals(Verdict.RETRY, throttled.verdict());
        assertFalse(throttled.checkEarlierAttempt(), "this answer did nothing; the earlier doubt waits for the end");
        assertEquals(Verdict.RETRY, attempts.after(http(502)).verdict(), "the third of maxRetries");
        Decision last = attempts.after(http(502));
        assertEquals(Verdict.GIVE_UP, last.verdict());
        assertTrue(last.checkEarlierAttempt(), "giving up after a doubt: look once more before failing");
    }

    @Test
    void aConflictAfterAnAmbiguousCreateIsLookedUpAConflictAloneIsNot() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE);
        attempts.after(http(504));
        Decision d = attempts.after(http(409));
        assertEquals(Verdict.GIVE_UP, d.verdict());
        assertTrue(d.checkEarlierAttempt(), "the name is taken, most likely by the first attempt");
        assertFalse(policy.begin(RequestKind.CREATE).after(http(409)).checkEarlierAttempt());
    }

    @Test
    void noRetryWaitsPastTheTimeLimit() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE, Duration.ofSeconds(10));
        assertEquals(Optional.of(Duration.ofSeconds(10)), attempts.remaining());
        assertEquals(Verdict.RETRY, attempts.after(http(429, "4")).verdict());
        // The test's sleeper does not move the clock: the waits decided so far count as spent anyway.
        assertEquals(Optional.of(Duration.ofSeconds(6)), attempts.remaining());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(5)), attempts.remaining(), "5 s passed, more than the 4 s waited");
        Decision d = attempts.after(http(429, "6"));
        assertEquals(Verdict.GIVE_UP, d.verdict(), "a 6 s wait would end past the limit");
        assertEquals(1, attempts.retries());
        assertEquals(Optional.empty(), policy.begin(RequestKind.CREATE).remaining());
    }

    @Test
    void aCreateThatRunsOutOfTimeAfterADoubtLooksBeforeFailing() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE, Duration.ofSeconds(2));
        assertEquals(Verdict.RETRY, attempts.after(http(503, "1")).verdict());
        Decision d = attempts.after(http(503, "5"));
        assertEquals(Verdict.GIVE_UP, d.verdict());
        assertTrue(d.checkEarlierAttempt());
    }

    @Test
    void remainingNeverGoesNegative() {
        RetryPolicy.Attempts attempts = policy.begin(RequestKind.CREATE, Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of(Duration.ZERO), attempts.remaining());
    }
}
