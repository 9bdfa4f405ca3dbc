package io.tfhyperstack.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The service's count of sessions, and the one place that decides whether a new session may start:
 * once the service is stopping (idle, jar replaced, asked to stop) none may, so that no session
 * starts in a process that is about to exit.
 */
final class SessionRegistry {
    private final Clock clock;
    private final Instant started;
    private int live;
    private long served;
    private Instant idleSince;
    private String stopReason;

    SessionRegistry(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        this.idleSince = started;
    }

    /** Counts a new session in; false when the service is stopping. */
    synchronized boolean open() {
        if (stopReason != null) {
            return false;
        }
        live++;
        served++;
        return true;
    }

    synchronized void close() {
        live--;
        if (live == 0) {
            idleSince = clock.instant();
            notifyAll();
        }
    }

    /** Starts stopping when no session has been live for {@code idle}; true when it did. */
    synchronized boolean stopIfIdle(Duration idle) {
        if (stopReason == null && live == 0 && !clock.instant().isBefore(idleSince.plus(idle))) {
            stopReason = "idle for " + idle.toSeconds() + " s";
            return true;
        }
        return false;
    }

    /** Starts stopping; false when it already was. */
    synchronized boolean stop(String reason) {
        if (stopReason != null) {
            return false;
        }
        stopReason = reason;
        return true;
    }

    synchronized String stopReason() {
        return stopReason;
    }

    /** Waits until no session is live, for at most {@code limit} (null: no limit); true when none is. */
    synchronized boolean awaitNoSessions(Duration limit) throws InterruptedException {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        while (live > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
        return true;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(started, live, served, stopReason);
    }

    /** The counts at one moment, for the status answer. */
    record Snapshot(Instant started, int live, long served, String stopReason) {
    }
}
