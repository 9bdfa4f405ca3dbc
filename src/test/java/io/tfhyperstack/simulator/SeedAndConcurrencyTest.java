package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default seed's promises, seed checking, duration parsing, and many clients at once. */
class SeedAndConcurrencyTest {
    @Test
    void defaultSeedHasTheQuickstartFleet() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            JsonNode all = api.get("/core/virtual-machines?pageSize=100").body();
            assertEquals(7, all.get("count").asInt());
            Map<Long, String> expected = Map.of(1001L, "web-1 ACTIVE", 1002L, "web-2 ACTIVE", 1003L, "batch-runner SHUTOFF",
                    1004L, "trainer-hibernated HIBERNATED", 1005L, "archive-hibernated HIBERNATED",
                    1006L, "worker ACTIVE", 1007L, "worker ACTIVE");
            for (JsonNode i : all.get("instances")) {
                assertEquals(expected.get(i.get("id").asLong()), i.get("name").asText() + " " + i.get("status").asText());
                if (i.get("status").asText().equals("ACTIVE")) {
                    assertTrue(i.get("floating_ip").isTextual(), "every ACTIVE seeded VM has a public IP: " + i);
                }
            }
            JsonNode envs = api.get("/core/environments").body().get("environments");
            assertEquals("demo-canada", envs.get(0).get("name").asText());
            assertEquals("CANADA-1", envs.get(0).get("region").asText());
            assertEquals("demo-norway", envs.get(1).get("name").asText());
            assertEquals("NORWAY-1", envs.get(1).get("region").asText());
        }
    }

    @Test
    void badSeedsAreRefusedWithAReason() {
        String base = "\"environments\": [{\"id\": 1, \"name\": \"e\", \"region\": \"R\"}],"
                + "\"keypairs\": [{\"id\": 1, \"name\": \"k\", \"environment\": \"e\"}],"
                + "\"flavors\": [{\"id\": 1, \"name\": \"f\", \"regions\": [\"R\"]}]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulator.builder().seedJson("{" + base
                + ", \"instances\": [{\"name\": \"v\", \"environment\": \"nope\", \"flavor\": \"f\", \"key\": \"k\"}]}").build());
        assertTrue(e.getMessage().contains("unknown environment nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Simulator.builder().seedJson("{" + base
                + ", \"instances\": [{\"name\": \"v\", \"environment\": \"e\", \"flavor\": \"f\", \"key\": \"k\", \"status\": \"BUILD\"}]}").build());
        assertTrue(e.getMessage().contains("BUILD"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Simulator.builder().seedJson("{" + base
                + ", \"instances\": [{\"id\": 5, \"name\": \"a\", \"environment\": \"e\", \"flavor\": \"f\", \"key\": \"k\"},"
                + "{\"id\": 5, \"name\": \"b\", \"environment\": \"e\", \"flavor\": \"f\", \"key\": \"k\"}]}").build());
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().seedJson("[]").build());
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().seedJson("{\"environments\": [{\"id\": 1}]}").build());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(1), Durations.parse("1s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("PT3S"));
        for (String bad : List.of("", "fast", "5", "-1s", "1d")) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void manyClientsAtOnceGetDistinctIdsAndConsistentState() throws Exception {
        try (Simulator sim = Simulator.builder().stepDelay(Duration.ofMillis(20)).build().start()) {
            ApiClient api = ApiClient.of(sim);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Long>>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        List<Long> ids = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            ApiClient.Reply r = api.post("/core/virtual-machines", Map.of("name", "c-" + thread + "-" + i,
                                    "environment_name", "demo-canada", "flavor_name", "n3-A100x1", "key_name", "demo-key",
                                    "count", 1, "assign_floating_ip", true));
                            assertEquals(200, r.status());
                            ids.add(r.body().get("instances").get(0).get("id").asLong());
                            assertEquals(200, api.get("/core/virtual-machines?search=c-").status());
                        }
                        return ids;
                    }));
                }
                Set<Long> ids = new HashSet<>();
                for (Future<List<Long>> f : results) {
                    ids.addAll(f.get());
                }
                assertEquals(40, ids.size(), "ids are unique");
                Set<String> ips = new HashSet<>();
                for (long id : ids) {
                    ips.add(api.awaitStatus(id, "ACTIVE").get("floating_ip").asText());
                }
                assertEquals(40, ips.size(), "floating IPs are unique");
                assertEquals(47, api.get("/core/virtual-machines").body().get("count").asInt());
                SimulatorStats stats = sim.stats();
                assertEquals(40, stats.count("POST", "/core/virtual-machines"), "no request lost or counted twice");
                assertEquals(41, stats.count("GET", "/core/virtual-machines"));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
