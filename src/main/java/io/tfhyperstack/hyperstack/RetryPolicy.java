package io.tfhyperstack.hyperstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a failed request is sent again, and after how long: the one place that decides it, for
 * every kind of request ({@link RequestKind}).
 *
 * <ul>
 * <li>429, 5xx and failed connections are worth another attempt; a clear refusal (400, 401, 403, 404,
 * 409) never is. Each retry comes after the Retry-After the API sent, else after a backoff of 1 s, 2 s,
 * 4 s ... (at most {@link #MAX_BACKOFF}) plus up to 25% jitter.</li>
 * <li>A 429 says the API did nothing and will again accept requests when its minute ends, so it is
 * waited out for as long as the operation allows: within the request's time limit when it has one (the
 * create, within its Terraform timeout), else for {@code rateLimitWait}, which spans the API's window.</li>
 * <li>Other failures: at most {@code maxRetries} retries, and none whose wait would end past the
 * request's time limit.</li>
 * <li>A repeated DELETE answered 404 is done: the first attempt deleted the machine.</li>
 * <li>A create whose answer left it unknown whether it acted (see {@link Outcome#isAmbiguous()}) is only
 * repeated once the caller has checked that it did not; and when the create then gives up, or a later
 * attempt is refused with 409 (the name is taken, most likely by that earlier attempt), the caller checks
 * again before failing.</li>
 * </ul>
 */
final class RetryPolicy {
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(32);
    /** A Retry-After beyond this is treated as this, so a confused header cannot park Terraform for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final int maxRetries;
    private final Duration rateLimitWait;
    private final Clock clock;

    RetryPolicy(int maxRetries, Duration rateLimitWait, Clock clock) {
        this.maxRetries = maxRetries;
        this.rateLimitWait = rateLimitWait;
        this.clock = clock;
    }

    int maxRetries() {
        return maxRetries;
    }

    /** What to do after a failed attempt. */
    enum Verdict {
        /** Wait {@link Decision#delay()}, then send again. */
        RETRY,
        /** Stop and report the failure. */
        GIVE_UP,
        /** Stop: the failure shows that an earlier attempt did the work. */
        DONE
    }

    /**
     * A verdict, the wait before a retry, and whether the caller must first check whether an earlier
     * attempt took effect (after the wait when retrying, before failing when giving up).
     */
    record Decision(Verdict verdict, Duration delay, boolean checkEarlierAttempt) {
        static Decision retry(Duration wait, boolean checkFirst) {
            return new Decision(Verdict.RETRY, wait, checkFirst);
        }

        static Decision giveUp(boolean checkFirst) {
            return new Decision(Verdict.GIVE_UP, Duration.ZERO, checkFirst);
        }

        static final Decision DONE = new Decision(Verdict.DONE, Duration.ZERO, false);
    }

    /** Starts the attempts of one request with no time limit of its own. */
    Attempts begin(RequestKind kind) {
        return new Attempts(kind, null);
    }

    /** Starts the attempts of one request that must end within {@code timeLimit} (null: no limit). */
    Attempts begin(RequestKind kind, Duration timeLimit) {
        return new Attempts(kind, timeLimit);
    }

    /** The retry state of one request: feed it each failed attempt's outcome. Not thread-safe; one per call. */
    final class Attempts {
        private final RequestKind kind;
        private final Duration timeLimit;
        private final Instant started;
        private Duration waited = Duration.ZERO;
        private int retries;
        private int failureRetries;
        private int throttledRetries;
        private boolean mayHaveActed;

        private Attempts(RequestKind kind, Duration timeLimit) {
            this.kind = kind;
            this.timeLimit = timeLimit;
            this.started = clock.instant();
        }

        /** Retries decided so far. */
        int retries() {
            return retries;
        }

        /** Time left of the request's limit, if it has one; never negative. */
        Optional<Duration> remaining() {
            if (timeLimit == null) {
                return Optional.empty();
            }
            Duration left = timeLimit.minus(spent());
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }

        /**
         * Time since the first attempt. Waits count even when an injected sleeper does not let the
         * clock move, so a limit holds under test as it does in real time.
         */
        private Duration spent() {
            Duration elapsed = Duration.between(started, clock.instant());
            return elapsed.compareTo(waited) >= 0 ? elapsed : waited;
        }

        /** The decision after an attempt that did not succeed. */
        Decision after(Outcome outcome) {
            if (kind == RequestKind.DELETE && retries > 0 && outcome.code() == 404) {
                return Decision.DONE;
            }
            if (kind == RequestKind.CREATE && outcome.code() == 409 && mayHaveActed) {
                return Decision.giveUp(true);
            }
            boolean ambiguous = outcome.isAmbiguous();
            if (kind == RequestKind.CREATE) {
                mayHaveActed |= ambiguous;
            }
            if (outcome.isRateLimited()) {
                Duration wait = waitBefore(outcome, throttledRetries);
                Duration bound = timeLimit != null ? timeLimit : rateLimitWait;
                if (spent().plus(wait).compareTo(bound) > 0) {
                    return Decision.giveUp(mayHaveActed);
                }
                throttledRetries++;
                return retry(wait, false);
            }
            if (!ambiguous) {
                return Decision.giveUp(false);
            }
            if (failureRetries >= maxRetries) {
                return Decision.giveUp(mayHaveActed);
            }
            Duration wait = waitBefore(outcome, failureRetries);
            Optional<Duration> left = remaining();
            if (left.isPresent() && wait.compareTo(left.get()) > 0) {
                return Decision.giveUp(mayHaveActed);
            }
            failureRetries++;
            return retry(wait, kind == RequestKind.CREATE);
        }

        private Decision retry(Duration wait, boolean checkFirst) {
            retries++;
            waited = waited.plus(wait);
            return Decision.retry(wait, checkFirst);
        }

        /** Retry-After when the API sent a usable one, else backoff. */
        private Duration waitBefore(Outcome outcome, int retry) {
            Duration retryAfter = parseRetryAfter(outcome.retryAfter(), clock);
            return retryAfter != null ? retryAfter : backoff(retry);
        }
    }

    /** 1 s, 2 s, 4 s ... for retry 0, 1, 2 ..., at most {@link #MAX_BACKOFF}, plus up to 25% jitter. */
    static Duration backoff(int retry) {
        long base = INITIAL_BACKOFF.toMillis() << Math.min(retry, 20);
        base = Math.min(base, MAX_BACKOFF.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(base + jitter);
    }

    /** Seconds or an HTTP date; null when absent or unreadable. Capped at {@link #MAX_RETRY_AFTER}. */
    static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
