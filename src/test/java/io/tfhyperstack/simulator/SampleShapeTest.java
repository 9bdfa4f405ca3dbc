package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's answers have the shapes of the sample payloads that the client's tests use
 * (src/test/resources/samples): every key of a sample is in the answer with a compatible JSON type.
 * A null in the sample allows anything; a value in the sample must not be null in the answer.
 */
class SampleShapeTest {
    /** A deliberate unknown field in get-instance.json, there to test the client's tolerance. */
    private static final String IGNORED = "some_field_added_later";

    private static Simulator sim;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.builder().stepDelay(Duration.ofMillis(50)).build().start();
        api = ApiClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static JsonNode sample(String name) {
        try (InputStream in = SampleShapeTest.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new AssertionError("sample " + name + " is missing");
            }
            return ApiClient.JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every mismatch between the sample's shape and the answer's, as readable paths. */
    static List<String> mismatches(JsonNode sample, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(sample, actual, "$", out);
        return out;
    }

    private static void compare(JsonNode sample, JsonNode actual, String path, List<String> out) {
        if (sample.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing");
            return;
        }
        if (actual.isNull()) {
            out.add(path + ": null where the sample has " + sample.getNodeType());
            return;
        }
        if (sample.isObject()) {
            if (!actual.isObject()) {
                out.add(path + ": " + actual.getNodeType() + " where the sample has an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = sample.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(IGNORED)) {
                    compare(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), out);
                }
            }
        } else if (sample.isArray()) {
            if (!actual.isArray()) {
                out.add(path + ": " + actual.getNodeType() + " where the sample has an array");
                return;
            }
            if (actual.size() == 0) {
                return; // nothing to compare the sample's elements with
            }
            for (int i = 0; i < sample.size(); i++) {
                compare(sample.get(i), actual.get(Math.min(i, actual.size() - 1)), path + "[" + i + "]", out);
            }
        } else if (sample.isNumber()) {
            if (!actual.isNumber()) {
                out.add(path + ": " + actual.getNodeType() + " where the sample has a number");
            } else if (sample.isIntegralNumber() && !actual.isIntegralNumber()) {
                out.add(path + ": fraction where the sample has an integer");
            }
        } else if (sample.getNodeType() != actual.getNodeType()) {
            out.add(path + ": " + actual.getNodeType() + " where the sample has " + sample.getNodeType());
        }
    }

    private static void assertSameShape(String sampleName, ApiClient.Reply reply, int expectedStatus) {
        assertEquals(expectedStatus, reply.status(), () -> sampleName + ": " + reply.body());
        List<String> problems = mismatches(sample(sampleName), reply.body());
        assertTrue(problems.isEmpty(), () -> sampleName + " vs simulator: " + problems + "\nanswer: " + reply.body());
    }

    @Test
    void comparisonCatchesMissingKeysWrongTypesAndNulls() {
        JsonNode s = sample("get-instance.json");
        JsonNode copy = s.deepCopy();
        ((ObjectNode) copy.get("instance")).remove("fixed_ip");
        ((ObjectNode) copy.get("instance")).put("id", "4711");
        ((ObjectNode) copy.get("instance").get("flavor")).put("cpu", 28.5);
        ((ObjectNode) copy.get("instance")).putNull("name");
        ((ObjectNode) copy.get("instance")).remove(IGNORED);
        assertEquals(List.of("$.instance.id: STRING where the sample has a number", "$.instance.name: null where the sample has STRING",
                "$.instance.fixed_ip: missing", "$.instance.flavor.cpu: fraction where the sample has an integer"), mismatches(s, copy));
        assertEquals(List.of(), mismatches(s, s));
    }

    @Test
    void getInstance() {
        assertSameShape("get-instance.json", api.get("/core/virtual-machines/1001"), 200);
    }

    @Test
    void listInstances() {
        assertSameShape("list-instances.json", api.get("/core/virtual-machines?pageSize=2"), 200);
    }

    @Test
    void createInstances() {
        assertSameShape("create-instances.json", api.post("/core/virtual-machines", Map.of("name", "shape-check",
                "environment_name", "demo-canada", "flavor_name", "n3-A100x1", "key_name", "demo-key",
                "image_name", "Ubuntu Server 22.04 LTS", "count", 1, "labels", List.of("web"))), 200);
    }

    @Test
    void listEnvironments() {
        assertSameShape("list-environments.json", api.get("/core/environments"), 200);
    }

    @Test
    void action() {
        assertSameShape("action.json", api.get("/core/virtual-machines/1002/stop"), 200);
    }

    @Test
    void nameAvailability() {
        assertSameShape("name-availability.json", api.get("/core/virtual-machines/name-availability/unused-name"), 200);
    }

    @Test
    void errors() {
        assertSameShape("error-bad-request.json", api.get("/core/virtual-machines/1001/start"), 400);
        assertSameShape("error-conflict.json", api.post("/core/virtual-machines", Map.of("name", "web-1",
                "environment_name", "demo-canada", "flavor_name", "n3-A100x1", "key_name", "demo-key", "count", 1)), 409);
        assertSameShape("error-not-found.json", api.get("/core/virtual-machines/999"), 404);
        assertSameShape("error-unauthorized.json", api.withKey("nope").get("/core/virtual-machines"), 401);
    }

    @Test
    void faultErrors() throws Exception {
        try (Simulator limited = Simulator.builder().rateLimitPerMinute(1).build().start()) {
            ApiClient c = ApiClient.of(limited);
            c.get("/core/virtual-machines");
            assertSameShape("error-rate-limited.json", c.get("/core/virtual-machines"), 429);
        }
        sim.faults().failNext("GET", "/core/virtual-machines", 1, 500);
        assertSameShape("error-server.json", api.get("/core/virtual-machines"), 500);
    }
}
