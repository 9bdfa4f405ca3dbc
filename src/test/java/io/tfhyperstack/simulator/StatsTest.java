package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request counting by route template and by answer, and its reset. */
class StatsTest {
    @Test
    void countsByMethodAndTemplate() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            api.get("/core/virtual-machines");
            api.get("/core/virtual-machines?page=2");
            api.get("/core/virtual-machines/1001");
            api.get("/core/virtual-machines/1002");
            api.get("/core/virtual-machines/999");
            api.get("/core/virtual-machines/1003/start");
            api.post("/core/virtual-machines/1001/start", Map.of());
            api.get("/core/nothing-here");
            api.withKey("bad").get("/core/environments");
            new ApiClient(sim.adminUrl(), null).get("/health");

            SimulatorStats s = sim.stats();
            assertEquals(9, s.total(), s.toString());
            assertEquals(2, s.count("GET", "/core/virtual-machines"));
            assertEquals(3, s.count("GET", "/core/virtual-machines/{id}"));
            assertEquals(1, s.count("GET", "/core/virtual-machines/{id}/start"));
            assertEquals(1, s.count("POST", "/core/virtual-machines/{id}/start"), "a 405 still counts under its route");
            assertEquals(1, s.count("GET", "/core/environments"));
            assertEquals(1, s.requests().get("GET (unmatched)"));
            assertEquals(5, s.countStatus(200));
            assertEquals(2, s.countStatus(404));
            assertEquals(1, s.countStatus(405));
            assertEquals(1, s.countStatus(401));
            assertEquals(0, s.count("GET", "/core/flavors"));

            sim.resetStats();
            assertEquals(0, sim.stats().total());
            assertEquals(0, sim.stats().requests().size());
        }
    }

    @Test
    void statsOverTheAdminEndpoint() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            ApiClient admin = new ApiClient(sim.adminUrl(), null);
            api.get("/core/virtual-machines");
            api.get("/core/virtual-machines/1001");
            api.get("/core/virtual-machines/1001");
            JsonNode stats = admin.get("/stats").body();
            assertEquals(3, stats.get("total").asInt());
            assertEquals(1, stats.get("requests").get("GET /core/virtual-machines").asInt());
            assertEquals(2, stats.get("requests").get("GET /core/virtual-machines/{id}").asInt());
            assertEquals(3, stats.get("statuses").get("200").asInt());
            assertEquals(200, admin.post("/stats/reset", Map.of()).status());
            assertEquals(0, admin.get("/stats").body().get("total").asInt());
            assertEquals(405, admin.get("/stats/reset").status());
        }
    }
}
