package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.model.InstanceStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Cancellation, the rate limiter, backoff and the status reading, without HTTP. */
class BuildingBlocksTest {

    @Test
    void cancellationRunsEachCallbackOnceAndLateOnesAtOnce() {
        Cancellation c = Cancellation.create();
        AtomicInteger runs = new AtomicInteger();
        c.onCancel(runs::incrementAndGet);
        Cancellation.Registration removed = c.onCancel(() -> runs.addAndGet(100));
        removed.close();
        c.onCancel(() -> {
            throw new IllegalStateException("a faulty callback must not stop the others");
        });
        c.onCancel(runs::incrementAndGet);
        assertFalse(c.isCancelled());
        c.cancel();
        c.cancel();
        assertTrue(c.isCancelled());
        assertEquals(2, runs.get());
        c.onCancel(runs::incrementAndGet);
        assertEquals(3, runs.get(), "registered after the fact: runs at once");
        assertThrows(CancelledException.class, () -> c.throwIfCancelled("x"));
    }

    @Test
    void noneNeverFires() {
        assertSame(Cancellation.none(), Cancellation.none());
        assertThrows(IllegalStateException.class, () -> Cancellation.none().cancel());
        assertFalse(Cancellation.none().isCancelled());
    }

    @Test
    void systemSleeperWakesOnCancel() throws Exception {
        Cancellation c = Cancellation.create();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // cancelling a little early is as good
            }
            c.cancel();
        });
        t.start();
        long start = System.nanoTime();
        assertThrows(CancelledException.class, () -> Sleeper.system().sleep(Duration.ofMinutes(5), c));
        // Far below the 5 minutes asked for, and far above what even a loaded machine needs to wake up.
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 30_000, "woke after " + ms + " ms");
        t.join();
    }

    @Test
    void rateLimiterNeverLetsMoreThanTheRateThroughAMinute() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(500, now::get);
        // Send as fast as the limiter allows, for exactly one minute of simulated time.
        int sent = 0;
        long minute = Duration.ofMinutes(1).toNanos();
        while (true) {
            Duration wait = limiter.reserve();
            now.addAndGet(wait.toNanos());
            if (now.get() >= minute) {
                break;
            }
            sent++;
        }
        assertTrue(sent <= 500, sent + " requests in one minute");
        assertTrue(sent >= 490, "and not much slower than the rate: " + sent);
    }

    @Test
    void rateLimiterAllowsASmallBurstThenSpacesRequests() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(500, now::get);
        for (int i = 0; i < 25; i++) {
            assertEquals(Duration.ZERO, limiter.reserve(), "burst request " + i);
        }
        Duration next = limiter.reserve();
        assertTrue(next.toMillis() >= 100 && next.toMillis() <= 150, next.toString());
    }

    @Test
    void sharedLimiterIsOnePerApiKeyAndRate() {
        String api = "http://127.0.0.1:1/v1";
        assertSame(RateLimiter.shared(api, "k1", 4321), RateLimiter.shared(api, "k1", 4321));
        assertFalse(RateLimiter.shared(api, "k1", 4321) == RateLimiter.shared(api, "k1", 4322));
        assertFalse(RateLimiter.shared(api, "k1", 4321) == RateLimiter.shared(api, "k2", 4321));
        assertFalse(RateLimiter.shared(api, "k1", 4321) == RateLimiter.shared("http://127.0.0.2:1/v1", "k1", 4321));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared(api, "k1", 0));
    }

    @Property(tries = 200)
    void backoffStartsAtOneSecondAndDoubles(@ForAll @IntRange(min = 0, max = 30) int attempt) {
        long ms = RetryPolicy.backoff(attempt).toMillis();
        long base = Math.min(1000L << Math.min(attempt, 20), RetryPolicy.MAX_BACKOFF.toMillis());
        assertTrue(ms >= base && ms <= base + base / 4, attempt + " -> " + ms);
        assertTrue(ms >= 1000);
    }

    @Test
    void statusReading() {
        assertEquals(InstanceStatus.ACTIVE, InstanceStatus.of(" active "));
        assertEquals(InstanceStatus.HARD_REBOOT, InstanceStatus.of("HARD-REBOOT"));
        assertEquals(InstanceStatus.UNKNOWN, InstanceStatus.of(null));
        assertEquals(InstanceStatus.UNKNOWN, InstanceStatus.of("SHELVED_OFFLOADED"));
        assertTrue(InstanceStatus.UNKNOWN.isTransitional());
        assertTrue(InstanceStatus.HIBERNATING.isTransitional());
        for (InstanceStatus s : new InstanceStatus[] {InstanceStatus.ACTIVE, InstanceStatus.SHUTOFF,
                InstanceStatus.HIBERNATED, InstanceStatus.ERROR}) {
            assertTrue(s.isSteady(), s.name());
        }
    }
}
