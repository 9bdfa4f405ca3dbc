package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.simulator.Simulator;
import io.tfhyperstack.simulator.SimulatorStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a tick costs: a listing is a request per page, a GET a request per machine, and the poll takes
 * whichever is fewer. Counted by the simulator, so that no figure depends on how fast the machine is.
 */
class StatusWaiterRequestCostTest {
    static final String LIST = "/core/virtual-machines";
    static final String GET = "/core/virtual-machines/{id}";
    /** With the default seed's few machines, the listing takes 4 pages of 100. */
    static final int SYNTHETIC = 300;
    static final int PAGES = 4;

    private Simulator sim;
    private HyperstackClient client;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.builder().apiKey(TestSupport.API_KEY).syntheticInstances(SYNTHETIC).build().start();
        client = TestSupport.client(sim.baseUrl().replaceFirst("/v1$", ""))
                .pollIntervals(Duration.ofMillis(50), Duration.ofMillis(50))
                .build();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sim.close();
    }

    private List<Long> someMachines(int n) {
        List<Instance> all = client.listInstances();
        assertEquals(PAGES, (all.size() + HyperstackClient.PAGE_SIZE - 1) / HyperstackClient.PAGE_SIZE);
        List<Long> ids = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ids.add(all.get(all.size() - 1 - k * 7).id());
        }
        return ids;
    }

    @Test
    void oneWaitOverManyPagesListsOnceToLearnTheSizeThenPollsItsMachineById() {
        long id = someMachines(1).get(0);
        sim.resetStats();
        AtomicInteger polls = new AtomicInteger();
        client.statusWaiter().awaitStatus(id, i -> polls.incrementAndGet() == 5, Duration.ofSeconds(60),
                Cancellation.none());

        SimulatorStats stats = sim.stats();
        assertEquals(PAGES, stats.count("GET", LIST), "the first tick listed, to learn how many pages there are");
        assertEquals(4, stats.count("GET", GET), "the four later ticks asked for the one machine");
    }

    @Test
    void oneWaitAfterALookupPollsById() {
        long id = someMachines(1).get(0);
        client.directory().all();
        sim.resetStats();
        AtomicInteger polls = new AtomicInteger();
        client.statusWaiter().awaitStatus(id, i -> polls.incrementAndGet() == 3, Duration.ofSeconds(60),
                Cancellation.none());

        SimulatorStats stats = sim.stats();
        assertEquals(0, stats.count("GET", LIST), stats.toString());
        assertEquals(3, stats.count("GET", GET), stats.toString());
    }

    @Test
    void moreWaitsThanPagesShareTheListing() throws Exception {
        List<Long> ids = someMachines(PAGES + 2);
        Map<Long, AtomicInteger> polls = new ConcurrentHashMap<>();
        AtomicBoolean release = new AtomicBoolean();
        List<Future<Instance>> waits = new ArrayList<>();
        for (long id : ids) {
            polls.put(id, new AtomicInteger());
            waits.add(pool.submit(() -> client.statusWaiter().awaitStatus(id, i -> polls.get(id).incrementAndGet() > 0
                    && release.get(), Duration.ofSeconds(60), Cancellation.none())));
        }
        // From the tick that first polls the last of them on, every tick serves them all.
        TestSupport.eventually(() -> polls.values().stream().allMatch(n -> n.get() > 0), "every wait polled");
        sim.resetStats();
        Map<Long, Integer> before = new ConcurrentHashMap<>();
        polls.forEach((id, n) -> before.put(id, n.get()));
        TestSupport.eventually(() -> polls.entrySet().stream().allMatch(e -> e.getValue().get() >= before.get(
                e.getKey()) + 3), "three more ticks");
        release.set(true);
        for (Future<Instance> w : waits) {
            w.get(60, TimeUnit.SECONDS);
        }

        SimulatorStats stats = sim.stats();
        assertEquals(0, stats.count("GET", GET), stats.toString());
        // Of the three ticks, the first may have begun its listing before the reset.
        assertTrue(stats.count("GET", LIST) >= 2 * PAGES, stats.toString());
    }
}
