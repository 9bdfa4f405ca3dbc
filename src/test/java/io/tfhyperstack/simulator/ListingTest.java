package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pagination edges, search and environment filters, and the read-only lists, against a fleet of 30. */
class ListingTest {
    private static final String SEED = "{\"environments\": ["
            + "{\"id\": 1, \"name\": \"prod-canada\", \"region\": \"CANADA-1\"},"
            + "{\"id\": 2, \"name\": \"prod-norway\", \"region\": \"NORWAY-1\"},"
            + "{\"id\": 3, \"name\": \"empty-env\", \"region\": \"CANADA-1\"}],"
            + "\"keypairs\": [{\"id\": 7, \"name\": \"k\", \"environment\": \"prod-canada\"},"
            + "{\"id\": 8, \"name\": \"k\", \"environment\": \"prod-norway\"}],"
            + "\"flavors\": [{\"id\": 95, \"name\": \"n3-A100x1\", \"regions\": [\"CANADA-1\", \"NORWAY-1\"], \"cpu\": 28,"
            + "\"ram\": 120.0, \"disk\": 100, \"ephemeral\": 750, \"gpu\": \"A100-80G-PCIe\", \"gpu_count\": 1}],"
            + "\"images\": [{\"id\": 41, \"name\": \"Ubuntu Server 22.04 LTS\", \"regions\": [\"CANADA-1\", \"NORWAY-1\"]}]}";

    private static Simulator sim;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        // 30 synthetic VMs, alternating prod-canada (odd numbers) and prod-norway (even numbers)
        sim = Simulator.builder().seedJson(SEED).syntheticInstances(30).build().start();
        api = ApiClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode list(String query) {
        ApiClient.Reply r = api.get("/core/virtual-machines" + query);
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
        return r.body();
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("instances").forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    @Test
    void defaultsArePageOneOfTen() {
        JsonNode p = list("");
        assertEquals(1, p.get("page").asInt());
        assertEquals(10, p.get("page_size").asInt());
        assertEquals(30, p.get("count").asInt());
        assertEquals(10, p.get("instances").size());
        assertEquals("synthetic-00001", names(p).get(0), "oldest first");
    }

    @Test
    void exactMultipleOfThePageSizeEndsWithAnEmptyPage() {
        List<String> all = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode p = list("?page=" + page + "&pageSize=10");
            assertEquals(10, p.get("instances").size());
            assertEquals(30, p.get("count").asInt());
            all.addAll(names(p));
        }
        JsonNode after = list("?page=4&pageSize=10");
        assertEquals(0, after.get("instances").size());
        assertEquals(30, after.get("count").asInt(), "count is the total of matches, even past the end");
        assertEquals(30, all.stream().distinct().count(), "no VM on two pages");
    }

    @Test
    void lastPageIsShort() {
        JsonNode last = list("?page=5&pageSize=7");
        assertEquals(2, last.get("instances").size());
        assertEquals(List.of("synthetic-00029", "synthetic-00030"), names(last));
        assertEquals(7, last.get("page_size").asInt());
        assertEquals(5, last.get("page").asInt());
    }

    @Test
    void emptyResult() {
        JsonNode p = list("?search=no-such-vm");
        assertEquals(0, p.get("count").asInt());
        assertEquals(0, p.get("instances").size());
        assertTrue(p.get("status").asBoolean());
    }

    @Test
    void pageSizeIsClampedToTheMaximum() {
        JsonNode p = list("?pageSize=1000");
        assertEquals(ApiRoutes.MAX_PAGE_SIZE, p.get("page_size").asInt());
        assertEquals(30, p.get("instances").size());
    }

    @Test
    void theMaximumPageSizeCanBeLowered() throws Exception {
        try (Simulator small = Simulator.builder().syntheticInstances(20).maxPageSize(7).build()
                .start()) {
            JsonNode p = ApiClient.of(small).get("/core/virtual-machines?pageSize=100").body();
            assertEquals(7, p.get("page_size").asInt());
            assertEquals(7, p.get("instances").size());
            assertTrue(p.get("count").asInt() > 7);
        }
    }

    @Test
    void badPagingIs400() {
        for (String q : List.of("?page=0", "?page=-1", "?page=abc", "?pageSize=0", "?pageSize=x")) {
            ApiClient.Reply r = api.get("/core/virtual-machines" + q);
            assertEquals(400, r.status(), q);
            assertEquals("bad_request", r.body().get("error_reason").asText());
        }
    }

    @Test
    void searchMatchesNameSubstringCaseInsensitively() {
        JsonNode p = list("?search=SYNTHETIC-0001&pageSize=100");
        assertEquals(10, p.get("count").asInt(), "synthetic-00010 to -00019");
        assertTrue(names(p).stream().allMatch(n -> n.startsWith("synthetic-0001")));
    }

    @Test
    void searchMatchesAnExactIpOrId() {
        JsonNode third = api.instance(1003);
        String fixed = third.get("fixed_ip").asText();
        assertEquals(List.of("synthetic-00003"), names(list("?search=" + fixed)));
        String floating = third.get("floating_ip").asText();
        assertEquals(List.of("synthetic-00003"), names(list("?search=" + floating)));
        assertEquals(List.of("synthetic-00003"), names(list("?search=1003")));
        assertEquals(0, list("?search=" + fixed.substring(0, fixed.length() - 1) + "9999").get("count").asInt());
    }

    @Test
    void environmentFilterByNameIdOrSubstring() {
        JsonNode canada = list("?environment=prod-canada&pageSize=100");
        assertEquals(15, canada.get("count").asInt());
        canada.get("instances").forEach(i -> assertEquals("prod-canada", i.get("environment").get("name").asText()));
        assertEquals(15, list("?environment=2").get("count").asInt(), "by id");
        assertEquals(30, list("?environment=prod").get("count").asInt(), "substring without exact match");
        assertEquals(0, list("?environment=prod&exact_environment_match=true").get("count").asInt());
        assertEquals(15, list("?environment=prod-norway&exact_environment_match=true").get("count").asInt());
        assertEquals(0, list("?environment=empty-env").get("count").asInt());
    }

    @Test
    void searchAndEnvironmentCombine() {
        JsonNode p = list("?search=synthetic-0001&environment=prod-canada&pageSize=100");
        assertEquals(5, p.get("count").asInt(), "the odd ones of 00010-00019");
    }

    @Test
    void excludeFirewallsIsAccepted() {
        assertEquals(30, list("?exclude_firewalls=true").get("count").asInt());
        assertEquals(400, api.get("/core/virtual-machines?exclude_firewalls=perhaps").status());
    }

    @Test
    void syntheticFleetMixesStatuses() {
        JsonNode all = list("?pageSize=100");
        long active = 0;
        long off = 0;
        long hib = 0;
        for (JsonNode i : all.get("instances")) {
            switch (i.get("status").asText()) {
                case "ACTIVE": active++; break;
                case "SHUTOFF": off++; break;
                case "HIBERNATED": hib++; break;
                default: throw new AssertionError(i);
            }
        }
        assertEquals(24, active);
        assertEquals(3, off);
        assertEquals(3, hib);
    }

    @Test
    void environmentsListWithSearchAndPaging() {
        JsonNode all = api.get("/core/environments").body();
        assertEquals(3, all.get("count").asInt());
        assertEquals("prod-canada", all.get("environments").get(0).get("name").asText());
        assertEquals("CANADA-1", all.get("environments").get(0).get("region").asText());
        assertEquals(2, api.get("/core/environments?search=canada-1").body().get("count").asInt(), "by region");
        assertEquals(1, api.get("/core/environments?search=2").body().get("count").asInt(), "by id");
        JsonNode page2 = api.get("/core/environments?page=2&pageSize=2").body();
        assertEquals(1, page2.get("environments").size());
        assertEquals(3, page2.get("count").asInt());
    }

    @Test
    void nameAvailability() {
        JsonNode taken = api.get("/core/virtual-machines/name-availability/synthetic-00001").body();
        assertFalse(taken.get("available").asBoolean());
        JsonNode free = api.get("/core/virtual-machines/name-availability/brand-new").body();
        assertTrue(free.get("available").asBoolean());
        assertEquals(400, api.get("/core/virtual-machines/name-availability/" + "x".repeat(51)).status());
        assertTrue(api.get("/core/virtual-machines/name-availability/synthetic%2D00001").status() == 200
                && !api.get("/core/virtual-machines/name-availability/synthetic%2D00001").body().get("available").asBoolean(),
                "the name in the path is percent-decoded");
    }

    @Test
    void flavorsImagesAndKeypairs() {
        JsonNode flavors = api.get("/core/flavors").body();
        assertTrue(flavors.get("status").asBoolean());
        JsonNode group = flavors.get("data").get(0);
        assertEquals("CANADA-1", group.get("region_name").asText());
        assertEquals("n3-A100x1", group.get("flavors").get(0).get("name").asText());
        assertEquals(1, api.get("/core/flavors?region=NORWAY-1").body().get("data").size());
        JsonNode images = api.get("/core/images").body();
        assertEquals("Ubuntu Server 22.04 LTS", images.get("images").get(0).get("images").get(0).get("name").asText());
        JsonNode keys = api.get("/core/keypairs").body();
        assertEquals(2, keys.get("count").asInt());
        assertEquals("prod-canada", keys.get("keypairs").get(0).get("environment").get("name").asText());
    }
}
