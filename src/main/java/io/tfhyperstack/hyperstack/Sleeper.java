package io.tfhyperstack.hyperstack;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries and for the rate limiter. Injectable so tests can record the waits instead
 * of spending them; the real one wakes up as soon as the cancellation fires.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits {@code duration}, or less if {@code cancellation} fires, in which case it throws
     * {@link CancelledException}.
     */
    void sleep(Duration duration, Cancellation cancellation);

    /** Real time, woken early by the cancellation. */
    @SuppressWarnings("try") // the registration is only held for its close()
    static Sleeper system() {
        return (duration, cancellation) -> {
            cancellation.throwIfCancelled("a wait before retrying");
            if (duration.isZero() || duration.isNegative()) {
                return;
            }
            CountDownLatch latch = new CountDownLatch(1);
            try (Cancellation.Registration r = cancellation.onCancel(latch::countDown)) {
                latch.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("a wait before retrying (thread interrupted)");
            }
            cancellation.throwIfCancelled("a wait before retrying");
        };
    }
}
