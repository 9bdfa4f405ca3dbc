package io.tfhyperstack.provider.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.Sleeper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** wait_for_port's wait on a fake clock: backoff, per-attempt limits, the deadline, cancellation. */
class PortWaitTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Duration> limits = new ArrayList<>();
    private final Sleeper sleeper = (d, c) -> {
        pauses.add(d);
        clock.addAndGet(d.toNanos());
    };

    /** A probe that refuses {@code refusals} times (each attempt taking 10 ms), then opens. */
    private PortProbe opensAfter(int refusals) {
        int[] left = {refusals};
        return (address, port, limit, cancellation) -> {
            limits.add(limit);
            clock.addAndGet(Duration.ofMillis(10).toNanos());
            return left[0]-- > 0 ? PortProbe.Outcome.failed("connection refused") : PortProbe.Outcome.opened();
        };
    }

    private PortWait waitWith(PortProbe probe) {
        return new PortWait(probe, sleeper, clock::get);
    }

    @Test
    void returnsOnceThePortOpensAfterGrowingPauses() {
        waitWith(opensAfter(4)).await(7, "127.0.9.5", 22, "create", clock.get(), Duration.ofMinutes(20),
                Cancellation.none());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4)), pauses);
        assertEquals(5, limits.size());
        assertTrue(limits.stream().allMatch(l -> l.equals(PortWait.ATTEMPT_LIMIT)), limits.toString());
    }

    @Test
    void pausesStopGrowingAtTheirCeiling() {
        waitWith(opensAfter(8)).await(7, "127.0.9.5", 22, "create", clock.get(), Duration.ofMinutes(20),
                Cancellation.none());
        assertEquals(PortWait.LONGEST_PAUSE, pauses.get(pauses.size() - 1));
        assertTrue(pauses.stream().allMatch(p -> p.compareTo(PortWait.LONGEST_PAUSE) <= 0), pauses.toString());
    }

    @Test
    void theTimeoutCountsFromTheOperationsStartAndTheErrorSaysWhatWasTried() {
        long operationStarted = clock.get();
        clock.addAndGet(Duration.ofSeconds(15).toNanos()); // the create and the boot took 15 s of 20
        long waitStarted = clock.get();
        PortWaitException e = assertThrows(PortWaitException.class, () -> waitWith(opensAfter(Integer.MAX_VALUE))
                .await(7, "127.0.9.5", 2222, "create", operationStarted, Duration.ofSeconds(20), Cancellation.none()));
        long waited = clock.get() - waitStarted;
        assertEquals(Duration.ofSeconds(5).toNanos(), waited, "never past the deadline, and up to it");
        assertTrue(limits.stream().allMatch(l -> l.compareTo(PortWait.ATTEMPT_LIMIT) <= 0));
        String m = e.getMessage();
        for (String part : List.of("Instance 7", "127.0.9.5:2222", "wait_for_port = 2222", "5.0 s of waiting",
                "create timeout of 20s", "connection refused", "timeouts.create")) {
            assertTrue(m.contains(part), part + " in: " + m);
        }
    }

    @Test
    void aTimeoutAlreadySpentMakesNoAttempt() {
        long operationStarted = clock.get();
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        PortWaitException e = assertThrows(PortWaitException.class, () -> waitWith(opensAfter(0))
                .await(7, "10.0.1.10", 80, "update", operationStarted, Duration.ofSeconds(20), Cancellation.none()));
        assertTrue(limits.isEmpty());
        assertTrue(e.getMessage().contains("update timeout"), e.getMessage());
    }

    @Test
    void anInstanceWithoutAddressFailsAtOnce() {
        PortWaitException e = assertThrows(PortWaitException.class, () -> waitWith(opensAfter(0))
                .await(7, null, 22, "create", clock.get(), Duration.ofSeconds(20), Cancellation.none()));
        assertTrue(e.getMessage().contains("no IP address"), e.getMessage());
        assertTrue(limits.isEmpty());
    }

    @Test
    void aStopDuringAnAttemptEndsTheWaitWithoutAnother() {
        Cancellation stop = Cancellation.create();
        PortProbe probe = (address, port, limit, cancellation) -> {
            limits.add(limit);
            stop.cancel();
            return PortProbe.Outcome.failed("stopped");
        };
        PortWaitException e = assertThrows(PortWaitException.class, () -> waitWith(probe)
                .await(7, "127.0.9.5", 22, "create", clock.get(), Duration.ofMinutes(20), stop));
        assertTrue(e.getMessage().startsWith("Cancelled: the wait for port 22 of instance 7"), e.getMessage());
        assertEquals(1, limits.size());
        assertTrue(pauses.isEmpty());
    }

    /** Real time: a stop during a pause ends the wait at once (the requirement is within 2 s). */
    @Test
    void aStopDuringARealPauseEndsTheWaitPromptly() throws Exception {
        Cancellation stop = Cancellation.create();
        PortWait real = new PortWait((a, p, l, c) -> PortProbe.Outcome.failed("connection refused"),
                Sleeper.system(), System::nanoTime);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long[] stoppedAt = new long[1];
        try {
            var unused = timer.schedule(() -> {
                stoppedAt[0] = System.nanoTime();
                stop.cancel();
            }, 300, TimeUnit.MILLISECONDS);
            assertThrows(PortWaitException.class, () -> real.await(7, "127.0.9.5", 22, "create", System.nanoTime(),
                    Duration.ofMinutes(20), stop));
            long afterStopMs = (System.nanoTime() - stoppedAt[0]) / 1_000_000;
            assertTrue(afterStopMs < 2000, "ended " + afterStopMs + " ms after the stop");
        } finally {
            timer.shutdownNow();
        }
    }

    /** The real probe: open and refused on loopback. */
    @Test
    void theTcpProbeTellsOpenFromRefused() throws IOException {
        PortProbe tcp = PortProbe.tcp();
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            assertTrue(tcp.attempt("127.0.0.1", port, Duration.ofSeconds(5), Cancellation.none()).open());
        }
        // the listener is closed: the same port now refuses
        PortProbe.Outcome refused = tcp.attempt("127.0.0.1", port, Duration.ofSeconds(5), Cancellation.none());
        assertFalse(refused.open());
        assertEquals("connection refused", refused.description());
    }

    /**
     * A stop closes the socket of an attempt in progress: a listener whose queue is full leaves new
     * connections unanswered, so the attempt would otherwise run its whole limit.
     */
    @Test
    void aStopEndsAnAttemptInProgress() throws Exception {
        List<Socket> queued = new ArrayList<>();
        Cancellation stop = Cancellation.create();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(listener.getLocalSocketAddress(), 300);
                } catch (IOException full) {
                    // the queue is full: attempts from now on go unanswered
                }
                queued.add(s);
            }
            var unused = timer.schedule(stop::cancel, 300, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            PortProbe.Outcome o = PortProbe.tcp().attempt("127.0.0.1", listener.getLocalPort(), Duration.ofSeconds(60),
                    stop);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertFalse(o.open());
            assertTrue(tookMs < 30_000, "the attempt ran " + tookMs + " ms after a stop at 300 ms");
        } finally {
            timer.shutdownNow();
            for (Socket s : queued) {
                s.close();
            }
        }
    }
}
