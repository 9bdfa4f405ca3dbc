package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.simulator.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes wrong for one wait stays with that wait, and the poll loop outlives any failure. */
class StatusWaiterFailuresTest {
    /** web-1 in the simulator's default seed, ACTIVE. */
    static final long LISTED = 1001;
    /** In no listing, so the poll asks for it by id. */
    static final long UNLISTED = 987_654;
    static final Duration LONG = Duration.ofSeconds(60);

    private Simulator sim;
    private HyperstackClient client;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        start(0);
    }

    /** The default seed is one page, so the poll lists; with 300 more machines two waits go by GET. */
    private void start(int syntheticInstances) throws Exception {
        if (sim != null) {
            sim.close();
        }
        sim = Simulator.builder().apiKey(TestSupport.API_KEY).syntheticInstances(syntheticInstances).build().start();
        client = TestSupport.client(sim.baseUrl().replaceFirst("/v1$", ""))
                .pollIntervals(Duration.ofMillis(50), Duration.ofMillis(50))
                .maxRetries(1)
                .build();
        if (pool == null) {
            pool = Executors.newCachedThreadPool();
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sim.close();
    }

    /** A wait on {@link #LISTED} that goes on until {@code release}, counting how often it was polled. */
    private Future<Instance> heldWait(AtomicInteger polled, AtomicBoolean release) {
        return pool.submit(() -> client.statusWaiter().awaitStatus(LISTED, i -> polled.incrementAndGet() > 0
                && release.get(), LONG, Cancellation.none()));
    }

    @Test
    void aServerErrorForAMachineMissingFromTheListingFailsOnlyItsOwnWait() throws Exception {
        assertFailsAlone(UNLISTED);
        assertTrue(sim.stats().count("GET", "/core/virtual-machines") > 0, "the poll listed");
    }

    @Test
    void aServerErrorForAMachinePolledByIdFailsOnlyItsOwnWait() throws Exception {
        start(300);
        List<Instance> all = client.directory().all();
        sim.resetStats();
        assertFailsAlone(all.get(all.size() - 1).id());
        assertEquals(0, sim.stats().count("GET", "/core/virtual-machines"), "the poll went by id");
    }

    /** A wait on {@code failing}, whose GET answers 500, fails; a wait on {@link #LISTED} goes on. */
    private void assertFailsAlone(long failing) throws Exception {
        sim.faults().failNext("GET", "/core/virtual-machines/" + failing, 1_000, 500);
        AtomicInteger polled = new AtomicInteger();
        AtomicBoolean release = new AtomicBoolean();
        Future<Instance> other = heldWait(polled, release);
        TestSupport.eventually(() -> polled.get() > 0, "the other wait has been polled");

        Future<Instance> failed = pool.submit(() -> client.statusWaiter().awaitStatus(failing, i -> false, LONG,
                Cancellation.none()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS));
        assertInstanceOf(ServerErrorException.class, e.getCause());

        assertFalse(other.isDone(), "the wait that shared the tick goes on");
        int polledAtFailure = polled.get();
        TestSupport.eventually(() -> polled.get() > polledAtFailure, "the other wait is polled after the failure");
        release.set(true);
        assertEquals(LISTED, other.get(60, TimeUnit.SECONDS).id());
    }

    @Test
    void anErrorInsideATickReachesItsWaitAndLaterWaitsAreStillServed() throws Exception {
        StatusWaiter waiter = client.statusWaiter();
        Future<Instance> broken = pool.submit(() -> waiter.awaitStatus(LISTED, i -> {
            throw new InjectedError();
        }, LONG, Cancellation.none()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> broken.get(60, TimeUnit.SECONDS));
        assertInstanceOf(InjectedError.class, e.getCause());

        Instance later = waiter.awaitStatus(LISTED, InstanceStatus.ACTIVE, LONG, Cancellation.none());
        assertEquals("ACTIVE", later.status());
    }

    /** Stands for any Error (a linkage problem, a stack overflow) in code the poll thread runs. */
    private static final class InjectedError extends Error {
        InjectedError() {
            super("injected by the test");
        }
    }
}
