package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tfhyperstack.hyperstack.model.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared instance view: coalescing, TTL, invalidation, and how many requests lookups cost. */
class InstanceDirectoryTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(40)).build();

    static final String VMS = "/v1/core/virtual-machines";

    static final class MutableClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }
    }

    private int listRequests() {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(VMS)).build()).getCount();
    }

    @Test
    void hundredConcurrentLookupsOverAThousandMachinesCostOneListing() throws Exception {
        PaginationTest.stubInstances(wm, 1000, PaginationTest.P, true);
        HyperstackClient client = TestSupport.client(wm.baseUrl()).build();
        InstanceDirectory dir = client.directory();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            final long id = n * 10L + 1;
            final int kind = n % 3;
            results.add(pool.submit(() -> {
                go.await();
                return switch (kind) {
                    case 0 -> dir.findByName("vm-" + id, null);
                    case 1 -> dir.findByIp(TestSupport.instanceJson(id, "ACTIVE").get("floating_ip").asText(), null);
                    default -> dir.findByName("vm-" + id, id % 2 == 0 ? "prod-canada" : "dev-norway");
                };
            }));
        }
        go.countDown();
        for (int n = 0; n < 100; n++) {
            @SuppressWarnings("unchecked")
            List<Instance> found = (List<Instance>) results.get(n).get(30, TimeUnit.SECONDS);
            assertEquals(1, found.size(), "lookup " + n);
            assertEquals(n * 10L + 1, found.get(0).id());
        }
        pool.shutdownNow();

        int budget = (int) Math.ceil(1000.0 / PaginationTest.P) + 5;
        int used = listRequests();
        assertTrue(used <= budget, "used " + used + " requests, budget " + budget);
        assertEquals((int) Math.ceil(1000.0 / PaginationTest.P), used, "one listing served every lookup");
        assertEquals(1000, dir.lastListedCount());
        assertEquals(List.of(), dir.findByName("vm-1", "prod-canada"), "environment filter");
        assertEquals(List.of(), dir.findByName("nope", null));
    }

    @Test
    void aListingIsReusedUntilTheTtlRunsOut() {
        PaginationTest.stubInstances(wm, 3, PaginationTest.P, true);
        MutableClock clock = new MutableClock();
        InstanceDirectory dir = TestSupport.client(wm.baseUrl()).clock(clock).directoryTtl(Duration.ofSeconds(10))
                .build().directory();
        dir.all();
        clock.advance(Duration.ofSeconds(9));
        dir.findByIp("10.0.0.2", null);
        assertEquals(1, listRequests());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(3, dir.all().size());
        assertEquals(2, listRequests());
    }

    @Test
    void aMutationThroughTheClientInvalidates() {
        PaginationTest.stubInstances(wm, 3, PaginationTest.P, true);
        wm.stubFor(get(urlPathEqualTo(VMS + "/2/stop")).willReturn(okJson(TestSupport.sample("action.json"))));
        HyperstackClient client = TestSupport.client(wm.baseUrl()).build();
        client.directory().all();
        client.directory().all();
        assertEquals(1, listRequests());
        client.stopInstance(2);
        client.directory().all();
        assertEquals(2, listRequests());
    }

    @Test
    void findByIdUsesAFreshListingElseGet() {
        PaginationTest.stubInstances(wm, 3, PaginationTest.P, true);
        wm.stubFor(get(urlPathEqualTo(VMS + "/4711")).willReturn(okJson(TestSupport.sample("get-instance.json"))));
        wm.stubFor(get(urlPathEqualTo(VMS + "/999")).willReturn(aResponse().withStatus(404)
                .withBody(TestSupport.sample("error-not-found.json"))));
        InstanceDirectory dir = TestSupport.client(wm.baseUrl()).build().directory();
        dir.all();
        assertEquals("vm-2", dir.findById(2).orElseThrow().name());
        assertEquals("db-7", dir.findById(4711).orElseThrow().name(), "not listed: fetched");
        assertEquals(Optional.empty(), dir.findById(999));
        wm.verify(1, getRequestedFor(urlPathEqualTo(VMS + "/4711")));
        wm.verify(0, getRequestedFor(urlPathEqualTo(VMS + "/2")));
    }

    @Test
    void aFailedListingReachesEveryWaiterAndIsNotCached() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(aResponse().withStatus(401).withFixedDelay(300)
                .withBody(TestSupport.sample("error-unauthorized.json"))));
        InstanceDirectory dir = TestSupport.client(wm.baseUrl()).build().directory();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<List<Instance>>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(pool.submit(dir::all));
        }
        for (Future<List<Instance>> f : fs) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(UnauthorizedException.class, e.getCause());
        }
        pool.shutdownNow();
        assertEquals(1, listRequests());
        assertThrows(UnauthorizedException.class, dir::all);
        assertEquals(2, listRequests());
    }

    @Test
    void aReaderWaitingOnAnotherListingStopsWhenCancelled() throws Exception {
        // The listing would answer after 60 s, and succeed: only the cancellation can end these reads in time.
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(TestSupport.listPage(List.of(), 1, 100, 0))
                .withFixedDelay(60_000)));
        Cancellation stop = Cancellation.create();
        InstanceDirectory dir = TestSupport.client(wm.baseUrl()).readTimeout(Duration.ofMinutes(2))
                .requestTimeout(Duration.ofMinutes(2)).cancellation(stop).build().directory();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<Instance>> leader = pool.submit(dir::all);
        TestSupport.eventually(() -> listRequests() == 1, "the leader's listing has reached the server");
        Future<List<Instance>> follower = pool.submit(dir::all);
        Thread.sleep(100); // usually enough for the follower to join the listing; the test holds either way
        stop.cancel();
        for (Future<List<Instance>> f : List.of(leader, follower)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause());
        }
        assertEquals(1, listRequests(), "the follower sent no listing of its own");
        pool.shutdownNow();
    }
}
