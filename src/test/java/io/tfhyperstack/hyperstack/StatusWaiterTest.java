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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** The listing answers {@code before} for the first {@code ticks} calls, then {@code after}. */
    private static void listingChangesAfter(int ticks, String before, String after) {
        for (int t = 0; t < ticks; t++) {
            wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("poll").whenScenarioStateIs(t == 0 ? STARTED : "t" + t)
                    .willSetStateTo("t" + (t + 1)).willReturn(okJson(before)));
        }
        wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("poll").whenScenarioStateIs("t" + ticks)
                .willReturn(okJson(after)));
    }

    private static int count(String urlPath) {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(urlPath)).build()).getCount();
    }

    @Test
    void twentyConcurrentWaitsShareOneRequestPerTick() throws Exception {
        long[] ids = LongStream.rangeClosed(1, 20).toArray();
        listingChangesAfter(5, listing("CREATING", ids), listing("ACTIVE", ids));
        StatusWaiter waiter = client().statusWaiter();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        long start = System.nanoTime();
        List<Future<Instance>> fs = new ArrayList<>();
        for (long id : ids) {
            fs.add(pool.submit(() -> waiter.awaitStatus(id, InstanceStatus.ACTIVE, Duration.ofSeconds(20),
                    Cancellation.none())));
        }
        for (int i = 0; i < ids.length; i++) {
            Instance done = fs.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(ids[i], done.id());
            assertEquals("ACTIVE", done.status());
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        pool.shutdownNow();

        int lists = count(VMS);
        assertEquals(6, lists, "5 listings saw CREATING, the 6th ACTIVE, for all 20 waits together");
        assertTrue(lists <= elapsedMs / TICK.toMillis() + 2, lists + " listings in " + elapsedMs + " ms");
        wm.verify(0, getRequestedFor(urlPathMatching(VMS + "/.+")));
    }

    @Test
    void thePollsListingServesDirectoryLookupsToo() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE", 1, 2, 3))));
        HyperstackClient c = client();
        c.statusWaiter().awaitStatus(2, InstanceStatus.ACTIVE, Duration.ofSeconds(5), Cancellation.none());
        assertEquals(1, c.directory().findByName("vm-3", null).size());
        assertEquals(3, c.directory().lastListedCount());
        assertEquals(1, count(VMS), "the lookup reused the poll's listing");
    }

    @Test
    void timeoutNamesIdLastStatusAndTimeout() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 7))));
        long start = System.nanoTime();
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> client().statusWaiter()
                .awaitStatus(7, InstanceStatus.ACTIVE, Duration.ofMillis(450), Cancellation.none()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 440 && ms < 1500, "took " + ms + " ms");
        assertEquals(7, e.instanceId());
        assertEquals("BUILD", e.lastStatus());
        assertTrue(e.getMessage().contains("virtual machine 7"), e.getMessage());
        assertTrue(e.getMessage().contains("last status was BUILD"), e.getMessage());
        assertTrue(e.getMessage().contains("450 ms"), e.getMessage());
    }

    @Test
    void errorStatusFailsTheWaitUnlessAccepted() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ERROR", 8))));
        StatusWaiter waiter = client().statusWaiter();
        InstanceFailedException e = assertThrows(InstanceFailedException.class,
                () -> waiter.awaitStatus(8, InstanceStatus.ACTIVE, Duration.ofSeconds(5), Cancellation.none()));
        assertEquals(8, e.instanceId());
        assertTrue(e.getMessage().contains("Virtual machine 8 went to status ERROR"), e.getMessage());
        Instance accepted = waiter.awaitStatus(8, i -> i.statusView().isSteady(), Duration.ofSeconds(5),
                Cancellation.none());
        assertEquals("ERROR", accepted.status());
    }

    @Test
    void goneMeansGetAnswers404AfterTheListingLostIt() {
        listingChangesAfter(2, listing("DELETING", 9), listing("ACTIVE"));
        wm.stubFor(get(urlPathEqualTo(VMS + "/9")).willReturn(aResponse().withStatus(404)
                .withBody(TestSupport.sample("error-not-found.json"))));
        client().statusWaiter().awaitGone(9, Duration.ofSeconds(5), Cancellation.none());
        assertEquals(3, count(VMS));
        assertEquals(1, count(VMS + "/9"));
    }

    @Test
    void aMachineMissingFromTheListingIsFetchedBeforeAnyVerdict() {
        // The listing lags behind (a new machine); GET knows it and says ACTIVE.
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE"))));
        wm.stubFor(get(urlPathEqualTo(VMS + "/4711")).willReturn(okJson(TestSupport.sample("get-instance.json"))));
        Instance i = client().statusWaiter().awaitStatus(4711, InstanceStatus.ACTIVE, Duration.ofSeconds(5),
                Cancellation.none());
        assertEquals("db-7", i.name());
    }

    @Test
    void aWaitedMachineThatDisappearsIsNotFound() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("ACTIVE"))));
        wm.stubFor(get(urlPathEqualTo(VMS + "/5")).willReturn(aResponse().withStatus(404)));
        NotFoundException e = assertThrows(NotFoundException.class, () -> client().statusWaiter()
                .awaitStatus(5, InstanceStatus.ACTIVE, Duration.ofSeconds(5), Cancellation.none()));
        assertTrue(e.getMessage().contains("disappeared"), e.getMessage());
    }

    @Test
    void cancellingOneWaitEndsItPromptlyAndLeavesOthers() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("STOPPING", 1, 2))));
        StatusWaiter waiter = client().statusWaiter();
        Cancellation stopOne = Cancellation.create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Instance> one = pool.submit(() -> waiter.awaitStatus(1, InstanceStatus.SHUTOFF, Duration.ofSeconds(20),
                stopOne));
        Future<Instance> two = pool.submit(() -> waiter.awaitStatus(2, InstanceStatus.SHUTOFF, Duration.ofMillis(1500),
                Cancellation.none()));
        Thread.sleep(300);
        long start = System.nanoTime();
        stopOne.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> one.get(2, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500);
        assertInstanceOf(CancelledException.class, e.getCause());
        e = assertThrows(ExecutionException.class, () -> two.get(5, TimeUnit.SECONDS));
        assertInstanceOf(WaitTimeoutException.class, e.getCause(), "the other wait went on until its own timeout");
        pool.shutdownNow();
    }

    @Test
    void theClientsCancellationAlsoEndsWaits() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 1))));
        Cancellation stop = Cancellation.create();
        HyperstackClient c = TestSupport.client(wm.baseUrl()).cancellation(stop).pollIntervals(TICK, TICK).build();
        var timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(stop::cancel, 250, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        assertThrows(CancelledException.class, () -> c.statusWaiter().awaitStatus(1, InstanceStatus.ACTIVE,
                Duration.ofSeconds(20), Cancellation.none()));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
        timer.shutdownNow();
    }

    @Test
    void theIntervalGrowsFromShortToLong() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(listing("BUILD", 1))));
        HyperstackClient c = TestSupport.client(wm.baseUrl())
                .pollIntervals(Duration.ofMillis(50), Duration.ofMillis(400)).build();
        assertThrows(WaitTimeoutException.class, () -> c.statusWaiter().awaitStatus(1, InstanceStatus.ACTIVE,
                Duration.ofMillis(2000), Cancellation.none()));
        int lists = count(VMS);
        // Fixed at 50 ms this would be ~40 listings; growing by half each tick to 400 ms it is ~8.
        assertTrue(lists >= 5 && lists <= 12, lists + " listings");
    }

    @Test
    void aListingErrorEndsTheWaitsItServed() {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(aResponse().withStatus(401)
                .withBody(TestSupport.sample("error-unauthorized.json"))));
        assertThrows(UnauthorizedException.class, () -> client().statusWaiter().awaitStatus(1, InstanceStatus.ACTIVE,
                Duration.ofSeconds(5), Cancellation.none()));
    }
}
