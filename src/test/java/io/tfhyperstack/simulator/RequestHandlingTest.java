package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication, routing (404/405) and the validation of a create. */
class RequestHandlingTest {
    private Simulator sim;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.builder().stepDelay(Duration.ofMillis(50)).build().start();
        api = ApiClient.of(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("name", "new-vm");
        b.put("environment_name", "demo-canada");
        b.put("flavor_name", "n3-A100x1");
        b.put("key_name", "demo-key");
        b.put("image_name", "Ubuntu Server 22.04 LTS");
        b.put("count", 1);
        return b;
    }

    private void assertBadRequest(Map<String, Object> b, String messagePart) {
        ApiClient.Reply r = api.post("/core/virtual-machines", b);
        assertEquals(400, r.status(), () -> String.valueOf(r.body()));
        assertFalse(r.body().get("status").asBoolean());
        assertEquals("bad_request", r.body().get("error_reason").asText());
        assertTrue(r.message().contains(messagePart), () -> r.message() + " should mention " + messagePart);
    }

    @Test
    void missingOrWrongApiKeyIs401WithTheEnvelope() {
        for (ApiClient client : List.of(api.withKey(null), api.withKey("wrong"))) {
            ApiClient.Reply r = client.get("/core/virtual-machines");
            assertEquals(401, r.status());
            assertFalse(r.body().get("status").asBoolean());
            assertEquals("unauthorized", r.body().get("error_reason").asText());
            assertEquals("Invalid or missing api_key", r.message());
        }
        assertEquals(401, api.withKey(null).post("/core/virtual-machines", body()).status());
        assertEquals(200, api.get("/core/virtual-machines").status(), "the right key works");
    }

    @Test
    void aConfiguredApiKeyReplacesTheDefault() throws Exception {
        try (Simulator other = Simulator.builder().apiKey("secret").build().start()) {
            ApiClient c = ApiClient.of(other);
            assertEquals(200, c.get("/core/virtual-machines").status());
            assertEquals(401, c.withKey(Simulator.DEFAULT_API_KEY).get("/core/virtual-machines").status());
        }
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        ApiClient.Reply unknown = api.get("/core/no-such-thing");
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.body().get("error_reason").asText());
        ApiClient.Reply wrong = api.post("/core/virtual-machines/1001/start", Map.of());
        assertEquals(405, wrong.status());
        assertEquals("not_allowed", wrong.body().get("error_reason").asText());
        assertEquals(405, api.send("PATCH", "/core/virtual-machines", null).status());
        assertEquals(405, api.delete("/core/virtual-machines").status());
        assertEquals(404, api.get("/core/virtual-machines/abc").status(), "a non-numeric id names no VM");
    }

    @Test
    void pathsOutsideTheApiAre404() {
        ApiClient.Reply r = api.get(sim.baseUrl().replace("/v1", "/v2/core/virtual-machines"));
        assertEquals(404, r.status());
    }

    @Test
    void resizeIsDisabledAsDocumented() {
        ApiClient.Reply r = api.post("/core/virtual-machines/1001/resize", Map.of("flavor_name", "n3-L40x1"));
        assertEquals(400, r.status());
        assertEquals("This feature is currently disabled", r.message());
    }

    @Test
    void eachRequiredFieldIsRequired() {
        for (String field : List.of("name", "environment_name", "flavor_name", "key_name", "count")) {
            Map<String, Object> b = body();
            b.remove(field);
            assertBadRequest(b, field);
        }
    }

    @Test
    void wrongTypesAre400() {
        Map<String, Object> b = body();
        b.put("count", "one");
        assertBadRequest(b, "count");
        b = body();
        b.put("assign_floating_ip", "yes");
        assertBadRequest(b, "assign_floating_ip");
        b = body();
        b.put("labels", "web");
        assertBadRequest(b, "labels");
        b = body();
        b.put("count", 0);
        assertBadRequest(b, "count");
        b = body();
        b.put("name", 5);
        assertBadRequest(b, "name");
    }

    @Test
    void nameLimitIs50Characters() {
        Map<String, Object> b = body();
        b.put("name", "n".repeat(51));
        assertBadRequest(b, "50");
        b.put("name", "n".repeat(50));
        assertEquals(200, api.post("/core/virtual-machines", b).status());
    }

    @Test
    void unknownReferencesAre400() {
        Map<String, Object> b = body();
        b.put("environment_name", "nowhere");
        assertBadRequest(b, "nowhere");
        b = body();
        b.put("flavor_name", "n9-huge");
        assertBadRequest(b, "n9-huge");
        b = body();
        b.put("key_name", "lost-key");
        assertBadRequest(b, "lost-key");
        b = body();
        b.put("image_name", "Windows 95");
        assertBadRequest(b, "Windows 95");
        b = body();
        b.put("environment_name", "demo-norway");
        b.put("flavor_name", "n3-L40x1");
        assertBadRequest(b, "not available in region NORWAY-1");
    }

    @Test
    void notJsonIs400() {
        ApiClient.Reply r = api.post("/core/virtual-machines", "{not json");
        assertEquals(400, r.status());
        assertEquals(400, api.post("/core/virtual-machines", "[1,2]").status());
    }

    @Test
    void duplicateNameInTheSameEnvironmentIs409() {
        Map<String, Object> b = body();
        b.put("name", "web-1");
        ApiClient.Reply r = api.post("/core/virtual-machines", b);
        assertEquals(409, r.status());
        assertEquals("already_exist", r.body().get("error_reason").asText());
        assertEquals("A virtual machine named web-1 already exists in environment demo-canada", r.message());
        b.put("environment_name", "demo-norway");
        b.put("flavor_name", "n3-A100x1");
        assertEquals(200, api.post("/core/virtual-machines", b).status(), "the same name in another environment is fine");
        Map<String, Object> fresh = body();
        sim.holdSteps(); // so that the first new-vm is surely still CREATING when the second arrives
        assertEquals(200, api.post("/core/virtual-machines", fresh).status());
        assertEquals(409, api.post("/core/virtual-machines", fresh).status(), "a VM still being created counts");
    }

    @Test
    void countCreatesNumberedVms() {
        Map<String, Object> b = body();
        b.put("name", "pool");
        b.put("count", 3);
        ApiClient.Reply r = api.post("/core/virtual-machines", b);
        assertEquals(200, r.status());
        JsonNode instances = r.body().get("instances");
        assertEquals(3, instances.size());
        assertEquals("pool-1", instances.get(0).get("name").asText());
        assertEquals("pool-3", instances.get(2).get("name").asText());
        assertEquals("Creating 3 virtual machine(s)", r.message());
    }

    @Test
    void sameNamedVmsAreTellableApartByEnvironment() {
        JsonNode p = api.get("/core/virtual-machines?search=worker").body();
        assertEquals(2, p.get("count").asInt());
        assertEquals("demo-canada", p.get("instances").get(0).get("environment").get("name").asText());
        assertEquals("demo-norway", p.get("instances").get(1).get("environment").get("name").asText());
        JsonNode norway = api.get("/core/virtual-machines?search=worker&environment=demo-norway").body();
        assertEquals(1007, norway.get("instances").get(0).get("id").asLong());
    }
}
