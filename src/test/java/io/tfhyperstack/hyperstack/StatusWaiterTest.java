package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared poll loop: one listing per tick for every waiter, timeouts, ERROR, gone, cancellation. */
class StatusWaiterTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(40)).build();

    static final String VMS = "/v1/core/virtual-machines";
    static final Duration TICK = Duration.ofMillis(100);

    private HyperstackClient client() {
        return TestSupport.client(wm.baseUrl()).pollIntervals(TICK, TICK).build();
    }

    private static String listing(String status, long... ids) {
        List<ObjectNode> items = new ArrayList<>();
        for (long id : ids) {
            items.add(TestSupport.instanceJson(id, status));
        }
        return TestSupport.listPage(items, 1, 100, items.size());
    }

    /**
     * From scenario state {@code from} on, the listing answers {@code before} for {@code ticks} calls,
     * then {@code after}. Returns the ids of these stubs, so that a test can count what they served.
     */
    private static Set<UUID> listingChangesAfter(String from, int ticks, String before, String after) {
        Set<UUID> stubs = new HashSet<>();
        for (int t = 0; t < ticks; t++) {
            stubs.add(wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("poll").whenScenarioStateIs(t == 0 ? from : "t" + t)
                    .willSetStateTo("t" + (t + 1)).willReturn(okJson(before))).getId());
        }
        stubs.add(wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("poll").whenScenarioStateIs("t" + ticks)
                .willReturn(okJson(after))).getId());
        return stubs;
    }

    private static long servedBy(Set<UUID> stubs) {
        return wm.getAllServeEvents().stream()
                .filter(e -> e.getStubMapping() != null && stubs.contains(e.getStubMapping().getId()))
                .count();
    }

    /** Waits for {@code wanted}, recording in {@code served} each machine the poll has shown this wait. */
    private static Predicate<Instance> noting(Set<Long> served, InstanceStatus wanted) {
        return i -> {
            served.add(i.id());
            return i.statusView() == wanted;
        };
    }

    private static int count(String urlPath) {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(urlPath)).build()).getCount();
    }

    @Test
    void twentyConcurrentWaitsShareOneRequestPerTick() throws Exception {
        long[] ids = LongStream.rangeClosed(1, 20).toArray();
        // The counted listings start only once every wait is known to be in, however slowly threads start.
        wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("poll").whenScenarioStateIs(STARTED)
                .willReturn(okJson(listing("CREATING", ids))));
        Set<UUID> counted = listingChangesAfter("go", 5, listing("CREATING", ids), listing("ACTIVE", ids));
        StatusWaiter waiter = client().statusWaiter();
        Set<Long> served = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Instance>> fs = new ArrayList<>();
        for (long id : ids) {
            fs.add(pool.submit(() -> waiter.awaitStatus(id, noting(served, InstanceStatus.ACTIVE), Duration.ofSeconds(60),
                    Cancellation.none())));
        }
        TestSupport.eventually(() -> served.size() == ids.length, "every wait has been polled once");
        wm.setScenarioState("poll", "go");
        for (int i = 0; i < ids.length; i++) {
            Instance done = fs.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(ids[i], done.id());
            assertEquals("ACTIVE", done.status());
        }
        pool.shutdownNow();

        assertEquals(6, servedBy(counted), "5 listings saw CREATING, the 6th ACTIVE, for all 20 waits together");
        wm.verify(0, getRequestedFor(urlPathMatching(VMS + "/.+")));
    }

    @Test
    void thePollsListingServesDirectoryLookupsToo() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE", 1, 2, 3))));
        HyperstackClient c = client();
        c.statusWaiter().awaitStatus(2, InstanceStatus.ACTIVE, Duration.ofSeconds(30), Cancellation.none());
        assertEquals(1, c.directory().findByName("vm-3", null).size());
        assertEquals(3, c.directory().lastListedCount());
        assertEquals(1, count(VMS), "the lookup reused the poll's listing");
    }

    @Test
    void timeoutNamesIdLastStatusAndTimeout() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 7))));
        long start = System.nanoTime();
        // 25 ticks long, so that even a starved poll thread has seen the machine once before the end.
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> client().statusWaiter()
                .awaitStatus(7, InstanceStatus.ACTIVE, Duration.ofMillis(2500), Cancellation.none()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 2500, "the wait ended early, after " + ms + " ms");
        assertEquals(7, e.instanceId());
        assertEquals("BUILD", e.lastStatus());
        assertTrue(e.getMessage().contains("virtual machine 7"), e.getMessage());
        assertTrue(e.getMessage().contains("last status was BUILD"), e.getMessage());
        assertTrue(e.getMessage().contains("2500 ms"), e.getMessage());
    }

    @Test
    void errorStatusFailsTheWaitUnlessAccepted() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ERROR", 8))));
        StatusWaiter waiter = client().statusWaiter();
        InstanceFailedException e = assertThrows(InstanceFailedException.class,
                () -> waiter.awaitStatus(8, InstanceStatus.ACTIVE, Duration.ofSeconds(30), Cancellation.none()));
        assertEquals(8, e.instanceId());
        assertTrue(e.getMessage().contains("Virtual machine 8 went to status ERROR"), e.getMessage());
        Instance accepted = waiter.awaitStatus(8, i -> i.statusView().isSteady(), Duration.ofSeconds(30),
                Cancellation.none());
        assertEquals("ERROR", accepted.status());
    }

    @Test
    void goneMeansGetAnswers404AfterTheListingLostIt() {
        listingChangesAfter(STARTED, 2, listing("DELETING", 9), listing("ACTIVE"));
        wm.stubFor(get(urlPathEqualTo(VMS + "/9")).willReturn(aResponse().withStatus(404)
                .withBody(TestSupport.sample("error-not-found.json"))));
        client().statusWaiter().awaitGone(9, Duration.ofSeconds(30), Cancellation.none());
        assertEquals(3, count(VMS));
        assertEquals(1, count(VMS + "/9"));
    }

    @Test
    void aMachineMissingFromTheListingIsFetchedBeforeAnyVerdict() {
        // The listing lags behind (a new machine); GET knows it and says ACTIVE.
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE"))));
        wm.stubFor(get(urlPathEqualTo(VMS + "/4711")).willReturn(okJson(TestSupport.sample("get-instance.json"))));
        Instance i = client().statusWaiter().awaitStatus(4711, InstanceStatus.ACTIVE, Duration.ofSeconds(30),
                Cancellation.none());
        assertEquals("db-7", i.name());
    }

    @Test
    void aWaitedMachineThatDisappearsIsNotFound() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE"))));
        wm.stubFor(get(urlPathEqualTo(VMS + "/5")).willReturn(aResponse().withStatus(404)));
        NotFoundException e = assertThrows(NotFoundException.class, () -> client().statusWaiter()
                .awaitStatus(5, InstanceStatus.ACTIVE, Duration.ofSeconds(30), Cancellation.none()));
        assertTrue(e.getMessage().contains("disappeared"), e.getMessage());
    }

    @Test
    void cancellingOneWaitEndsItPromptlyAndLeavesOthers() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("STOPPING", 1, 2))));
        StatusWaiter waiter = client().statusWaiter();
        Cancellation stopOne = Cancellation.create();
        Set<Long> served = ConcurrentHashMap.newKeySet();
        AtomicInteger twoPolled = new AtomicInteger();
        AtomicBoolean twoStopped = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Instance> one = pool.submit(() -> waiter.awaitStatus(1, noting(served, InstanceStatus.SHUTOFF),
                Duration.ofSeconds(60), stopOne));
        Future<Instance> two = pool.submit(() -> waiter.awaitStatus(2, i -> twoPolled.incrementAndGet() > 0
                && twoStopped.get(), Duration.ofSeconds(60), Cancellation.none()));
        TestSupport.eventually(() -> served.contains(1L) && twoPolled.get() > 0, "both waits have been polled");

        stopOne.cancel();
        // The cancellation completes the wait itself, so the bound here only guards against a hang.
        ExecutionException e = assertThrows(ExecutionException.class, () -> one.get(30, TimeUnit.SECONDS));
        assertInstanceOf(CancelledException.class, e.getCause());
        assertFalse(two.isDone(), "the other wait goes on");
        int polledAtCancel = twoPolled.get();
        TestSupport.eventually(() -> twoPolled.get() > polledAtCancel, "the other wait is still polled");
        twoStopped.set(true);
        assertEquals(2, two.get(60, TimeUnit.SECONDS).id());
        pool.shutdownNow();
    }

    @Test
    void theClientsCancellationAlsoEndsWaits() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 1))));
        Cancellation stop = Cancellation.create();
        HyperstackClient c = TestSupport.client(wm.baseUrl()).cancellation(stop).pollIntervals(TICK, TICK).build();
        Set<Long> served = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Instance> wait = pool.submit(() -> c.statusWaiter().awaitStatus(1, noting(served, InstanceStatus.ACTIVE),
                Duration.ofSeconds(60), Cancellation.none()));
        TestSupport.eventually(() -> served.contains(1L), "the wait has been polled");
        stop.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> wait.get(30, TimeUnit.SECONDS));
        assertInstanceOf(CancelledException.class, e.getCause());
        pool.shutdownNow();
    }

    @Test
    void theIntervalGrowsFromShortToLong() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 1))));
        HyperstackClient c = TestSupport.client(wm.baseUrl())
                .pollIntervals(Duration.ofMillis(50), Duration.ofMillis(400)).build();
        assertThrows(WaitTimeoutException.class, () -> c.statusWaiter().awaitStatus(1, InstanceStatus.ACTIVE,
                Duration.ofSeconds(2), Cancellation.none()));
        int lists = count(VMS);
        // Fixed at 50 ms this would be ~40 listings; growing by half each tick to 400 ms it is 8. A busy
        // machine only makes the ticks later and fewer, so only the upper bound is asserted.
        assertTrue(lists >= 1 && lists <= 12, lists + " listings");
    }

    @Test
    void aListingErrorEndsTheWaitsItServed() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(aResponse().withStatus(401)
                .withBody(TestSupport.sample("error-unauthorized.json"))));
        assertThrows(UnauthorizedException.class, () -> client().statusWaiter().awaitStatus(1, InstanceStatus.ACTIVE,
                Duration.ofSeconds(30), Cancellation.none()));
    }
}
