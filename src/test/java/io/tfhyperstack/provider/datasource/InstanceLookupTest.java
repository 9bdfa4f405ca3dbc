package io.tfhyperstack.provider.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostic;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.simulator.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookups against the simulator's default seed (seven instances, two named "worker"). */
class InstanceLookupTest {
    static Simulator sim;
    HyperstackClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(50)).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void newClient() {
        client = HyperstackClient.builder().baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build();
        sim.resetStats();
    }

    Instance find(InstanceLookup lookup, Diagnostics d) {
        return lookup.find(client.directory(), d);
    }

    @Test
    void byNameFindsTheOnlyOne() {
        Diagnostics d = new Diagnostics();
        Instance i = find(InstanceLookup.byName("web-1", null), d);
        assertTrue(!d.hasErrors(), d.toString());
        assertEquals(1001, i.id());
    }

    @Test
    void byFixedAndFloatingIp() {
        Diagnostics d = new Diagnostics();
        assertEquals(1002, find(InstanceLookup.byIp("10.0.0.12", null), d).id());
        assertEquals(1006, find(InstanceLookup.byIp("203.0.113.16", null), d).id());
        assertTrue(!d.hasErrors(), d.toString());
        assertEquals(1, sim.stats().total(), "both lookups share one listing");
    }

    @Test
    void ipv6AddressesCompareByValueNotSpelling() {
        assertEquals("2001:db8:0:0:0:0:0:1", InstanceLookup.canonicalIp("2001:0DB8::0001"));
        assertEquals(InstanceLookup.canonicalIp("2001:db8::1"), InstanceLookup.canonicalIp(" 2001:db8:0:0::1 "));
        assertEquals("10.0.0.1", InstanceLookup.canonicalIp("10.0.0.1"));
        assertEquals("host.example", InstanceLookup.canonicalIp("host.example"), "never resolved");
    }

    @Test
    void severalMatchesListEachAndSuggestEnvironment() {
        Diagnostics d = new Diagnostics();
        assertNull(find(InstanceLookup.byName("worker", null), d));
        Diagnostic e = only(d);
        assertEquals("Several instances match", e.summary());
        assertEquals(AttributePath.ROOT.attribute("name"), e.path());
        assertTrue(e.detail().contains("id 1006: name \"worker\", environment \"demo-canada\", status ACTIVE"), e.detail());
        assertTrue(e.detail().contains("id 1007: name \"worker\", environment \"demo-norway\", status ACTIVE"), e.detail());
        assertTrue(e.detail().contains("environment_name") && e.detail().contains("by id"), e.detail());
    }

    @Test
    void environmentDisambiguates() {
        Diagnostics d = new Diagnostics();
        assertEquals(1007, find(InstanceLookup.byName("worker", "demo-norway"), d).id());
        assertEquals(1006, find(InstanceLookup.byName("worker", "demo-canada"), d).id());
        assertTrue(!d.hasErrors(), d.toString());
    }

    @Test
    void noMatchSaysWhatWasSearchedAndHowMany() {
        Diagnostics d = new Diagnostics();
        assertNull(find(InstanceLookup.byName("web-1", "demo-norway"), d));
        Diagnostic e = only(d);
        assertEquals("No matching instance", e.summary());
        assertTrue(e.detail().contains("the name \"web-1\" in the environment \"demo-norway\""), e.detail());
        assertTrue(e.detail().contains("Looked at 7 instances"), e.detail());

        Diagnostics d2 = new Diagnostics();
        assertNull(find(InstanceLookup.byIp("192.0.2.1", null), d2));
        assertTrue(only(d2).detail().contains("the fixed or floating IP 192.0.2.1 in any environment"));
        assertEquals(AttributePath.ROOT.attribute("ip"), only(d2).path());
    }

    @Test
    void byIdAndItsErrors() {
        Diagnostics d = new Diagnostics();
        assertEquals("trainer-hibernated", find(InstanceLookup.byId(1004, null), d).name());
        assertTrue(!d.hasErrors());

        Diagnostics missing = new Diagnostics();
        assertNull(find(InstanceLookup.byId(999, null), missing));
        assertTrue(only(missing).detail().contains("the id 999"), only(missing).detail());

        Diagnostics elsewhere = new Diagnostics();
        assertNull(find(InstanceLookup.byId(1006, "demo-norway"), elsewhere));
        assertTrue(only(elsewhere).detail().contains("is in the environment \"demo-canada\", not in \"demo-norway\""),
                only(elsewhere).detail());
    }

    @Test
    void manyConcurrentLookupsOverAThousandInstancesCostOneListing() throws Exception {
        try (Simulator big = Simulator.builder().port(0).syntheticInstances(1000).build().start()) {
            HyperstackClient c = HyperstackClient.builder().baseUrl(big.baseUrl()).apiKey(big.apiKey()).build();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<Instance>> results = new ArrayList<>();
                for (int n = 1; n <= 100; n++) {
                    String name = String.format("synthetic-%05d", n * 10 - 3);
                    results.add(pool.submit(() -> {
                        Diagnostics d = new Diagnostics();
                        Instance i = InstanceLookup.byName(name, null).find(c.directory(), d);
                        assertTrue(!d.hasErrors(), d.toString());
                        return i;
                    }));
                }
                for (Future<Instance> f : results) {
                    assertTrue(f.get().name().startsWith("synthetic-"));
                }
            } finally {
                pool.shutdownNow();
            }
            long pages = (long) Math.ceil(1007 / (double) HyperstackClient.PAGE_SIZE);
            assertTrue(big.stats().total() <= pages, big.stats().toString());
        }
    }

    private static Diagnostic only(Diagnostics d) {
        List<Diagnostic> all = new ArrayList<>();
        d.forEach(all::add);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }
}
