package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fault knob, set from the builder, from Java at run time, and over the admin endpoint. */
class FaultsTest {
    private static final String LIST = "/core/virtual-machines";

    @Test
    void rateLimitAnswers429PastTheLimitWithTheEnvelopeAndNoRetryAfter() throws Exception {
        try (Simulator sim = Simulator.builder().rateLimitPerMinute(5).build().start()) {
            ApiClient api = ApiClient.of(sim);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.get(LIST).status(), "request " + (i + 1));
            }
            ApiClient.Reply limited = api.get(LIST);
            assertEquals(429, limited.status());
            assertFalse(limited.body().get("status").asBoolean());
            assertEquals("too_many_requests", limited.body().get("error_reason").asText());
            assertEquals("Too many requests: limit is 5 per minute", limited.message());
            assertTrue(limited.raw().headers().firstValue("Retry-After").isEmpty());
            assertEquals(429, api.get("/core/virtual-machines/1001").status(), "every endpoint shares the limit");
            assertEquals(429, api.withKey("wrong").get(LIST).status(), "the limit comes before authentication");
            assertEquals(200, new ApiClient(sim.adminUrl(), null).get("/stats").status(), "test controls are not limited");
        }
    }

    @Test
    void retryAfterIsSentOnlyWhenAsked() throws Exception {
        try (Simulator sim = Simulator.builder().rateLimitPerMinute(1).retryAfter(Duration.ofMillis(1500)).build().start()) {
            ApiClient api = ApiClient.of(sim);
            api.get(LIST);
            ApiClient.Reply limited = api.get(LIST);
            assertEquals(429, limited.status());
            assertEquals("2", limited.raw().headers().firstValue("Retry-After").orElse(null), "whole seconds, rounded up");
            sim.faults().retryAfter(null).failNext("GET", LIST, 1, 429);
            sim.faults().rateLimit(0);
            ApiClient.Reply injected = api.get(LIST);
            assertEquals(429, injected.status());
            assertTrue(injected.raw().headers().firstValue("Retry-After").isEmpty());
            ApiClient admin = new ApiClient(sim.adminUrl(), null);
            assertEquals(200, admin.post("/faults", Map.of("retry_after", "3s",
                    "fail_next", List.of(Map.of("path", "/core/virtual-machines", "status", 429)))).status());
            assertEquals("3", api.get(LIST).raw().headers().firstValue("Retry-After").orElse(null));
        }
    }

    @Test
    void retryAfterCanSayWhenTheRateLimitsWindowEnds() throws Exception {
        try (Simulator sim = Simulator.builder().rateLimitPerMinute(1).retryAfterWindowEnd().build().start()) {
            ApiClient api = ApiClient.of(sim);
            assertEquals(200, api.get(LIST).status());
            ApiClient.Reply limited = api.get(LIST);
            assertEquals(429, limited.status());
            long seconds = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
            // The window began when the simulator started: what is left of its minute, however slow the machine.
            assertTrue(seconds >= 1 && seconds <= 60, seconds + " s");
            sim.faults().rateLimit(0).failNext("GET", LIST, 1, 429);
            assertTrue(api.get(LIST).raw().headers().firstValue("Retry-After").isEmpty(),
                    "a 429 that is not the rate limit's has no window to end");
        }
    }

    @Test
    void rateLimitLiftsWhenTheWindowEnds() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            // The window starts now; the four requests only need to fit in its 3 s, however busy the machine.
            Duration window = Duration.ofSeconds(3);
            sim.faults().rateLimit(3, window);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, api.get(LIST).status());
            }
            assertEquals(429, api.get(LIST).status());
            ApiClient.sleep(window.toMillis() + 50);
            assertEquals(200, api.get(LIST).status());
        }
    }

    @Test
    void errorRateFailsAboutThatFractionWithABare500() throws Exception {
        try (Simulator sim = Simulator.builder().errorRate(0.3).randomSeed(7).build().start()) {
            ApiClient api = ApiClient.of(sim);
            int failed = 0;
            for (int i = 0; i < 200; i++) {
                ApiClient.Reply r = api.get(LIST);
                if (r.status() == 500) {
                    failed++;
                    assertEquals("Internal Server Error", r.message());
                    assertFalse(r.body().has("status"), "a 5xx carries only a message, as the real API's do");
                } else {
                    assertEquals(200, r.status());
                }
            }
            assertTrue(failed >= 35 && failed <= 85, "about 30% of 200 failed, got " + failed);
            assertEquals(failed, sim.stats().countStatus(500));
        }
    }

    @Test
    void errorRateIsRepeatableForASeed() throws Exception {
        assertEquals(pattern(11), pattern(11));
        assertNotEquals(pattern(11), pattern(12));
    }

    private static List<Integer> pattern(long seed) throws Exception {
        try (Simulator sim = Simulator.builder().errorRate(0.5).randomSeed(seed).build().start()) {
            ApiClient api = ApiClient.of(sim);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(api.get(LIST).status());
            }
            return statuses;
        }
    }

    @Test
    void errorRateOneFailsEverythingAndZeroNothing() throws Exception {
        try (Simulator sim = Simulator.builder().errorRate(1.0).build().start()) {
            ApiClient api = ApiClient.of(sim);
            for (int i = 0; i < 10; i++) {
                assertEquals(500, api.get(LIST).status());
            }
            assertEquals(500, api.delete("/core/virtual-machines/1001").status());
            sim.faults().errorRate(0.0);
            assertEquals("ACTIVE", api.status(1001), "a faulted request changes nothing");
            for (int i = 0; i < 10; i++) {
                assertEquals(200, api.get(LIST).status());
            }
        }
    }

    @Test
    void latencyIsAddedToEveryApiAnswer() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            api.get(LIST); // warm the connection
            // Long, so that "off again" can allow a plain answer nearly as long without mistaking one for the other.
            Duration latency = Duration.ofSeconds(2);
            sim.faults().latency(latency);
            long t0 = System.nanoTime();
            assertEquals(200, api.get(LIST).status());
            assertTrue(System.nanoTime() - t0 >= latency.toNanos(), "the latency was added");
            sim.faults().latency(Duration.ZERO);
            long t1 = System.nanoTime();
            api.get(LIST);
            long ms = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(ms < latency.toMillis(), "latency off again, yet the answer took " + ms + " ms");
        }
    }

    @Test
    void namesMatchingTheRegexEndInError() throws Exception {
        try (Simulator sim = Simulator.builder().stepDelay(Duration.ofMillis(50)).errorOnCreateNames("^doomed-").build().start()) {
            ApiClient api = ApiClient.of(sim);
            sim.holdSteps();
            ApiClient.Reply r = api.post(LIST, Map.of("name", "doomed-1", "environment_name", "demo-canada",
                    "flavor_name", "n3-A100x1", "key_name", "demo-key", "count", 1, "assign_floating_ip", true));
            assertEquals(200, r.status(), "the create itself is accepted");
            long id = r.body().get("instances").get(0).get("id").asLong();
            assertEquals(1, sim.runHeldSteps());
            assertEquals("BUILD", api.status(id));
            sim.releaseSteps();
            JsonNode err = api.awaitStatus(id, "ERROR");
            assertEquals("error", err.get("vm_state").asText());
            assertTrue(err.get("floating_ip").isNull());
            ApiClient.Reply ok = api.post(LIST, Map.of("name", "fine-1", "environment_name", "demo-canada",
                    "flavor_name", "n3-A100x1", "key_name", "demo-key", "count", 1));
            api.awaitStatus(ok.body().get("instances").get(0).get("id").asLong(), "ACTIVE");
        }
    }

    @Test
    void failNextAnswersTheGivenCodeForThatManyRequests() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            sim.faults().failNext("GET", "/core/virtual-machines/{id}", 2, 503);
            assertEquals(200, api.get(LIST).status(), "other routes are untouched");
            assertEquals(503, api.get("/core/virtual-machines/1001").status());
            assertEquals(503, api.get("/core/virtual-machines/1002").status());
            assertEquals(200, api.get("/core/virtual-machines/1001").status());

            sim.faults().failNext("*", "/core/virtual-machines/1003/start", 1, 409);
            ApiClient.Reply conflict = api.get("/core/virtual-machines/1003/start");
            assertEquals(409, conflict.status());
            assertEquals("already_exist", conflict.body().get("error_reason").asText(), "a 4xx carries the envelope");
            assertEquals("SHUTOFF", api.status(1003), "the faulted action did not happen");
            assertEquals(200, api.get("/core/virtual-machines/1003/start").status());
            assertThrows(IllegalArgumentException.class, () -> sim.faults().failNext("GET", LIST, 0, 500));
        }
    }

    @Test
    void faultsOverTheAdminEndpoint() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient api = ApiClient.of(sim);
            ApiClient admin = new ApiClient(sim.adminUrl(), null);
            ApiClient.Reply set = admin.post("/faults", Map.of("rate_limit", 2, "latency", "10ms",
                    "fail_next", List.of(Map.of("method", "GET", "path", "/core/environments", "count", 1, "status", 502))));
            assertEquals(200, set.status(), () -> String.valueOf(set.body()));
            assertEquals(2, set.body().get("rate_limit").asInt());
            assertEquals(10, set.body().get("latency_ms").asInt());
            assertEquals(502, api.get("/core/environments").status());
            assertEquals(200, api.get("/core/environments").status());
            assertEquals(429, api.get("/core/environments").status());

            assertEquals(200, admin.post("/faults/reset", Map.of()).status());
            assertEquals(200, api.get(LIST).status());
            JsonNode now = admin.get("/faults").body();
            assertEquals(0, now.get("rate_limit").asInt());
            assertEquals(0, now.get("fail_next").size());

            assertEquals(200, admin.post("/faults", Map.of("error_rate", 1.0)).status());
            assertEquals(500, api.get(LIST).status());
            assertEquals(200, admin.post("/faults", Map.of("error_rate", 0)).status());
            assertEquals(200, admin.post("/faults", Map.of("error_on_create_names", "x+")).status());
            assertEquals("x+", admin.get("/faults").body().get("error_on_create_names").asText());

            assertEquals(400, admin.post("/faults", Map.of("error_rate", 2.0)).status());
            assertEquals(400, admin.post("/faults", Map.of("latency", "soon")).status());
            assertEquals(400, admin.post("/faults", Map.of("error_on_create_names", "(")).status());
            assertEquals(400, admin.post("/faults", "[]").status());
        }
    }

    @Test
    void stepDelayOverTheAdminEndpoint() throws Exception {
        try (Simulator sim = Simulator.builder().build().start()) {
            ApiClient admin = new ApiClient(sim.adminUrl(), null);
            assertEquals(Simulator.DEFAULT_STEP_DELAY.toMillis(), admin.get("/step-delay").body().get("step_delay_ms").asLong());
            assertEquals(20, admin.post("/step-delay", Map.of("step_delay", "20ms")).body().get("step_delay_ms").asLong());
            assertEquals(Duration.ofMillis(20), sim.stepDelay());
            assertEquals(35, admin.post("/step-delay", Map.of("step_delay", 35)).body().get("step_delay_ms").asLong());
            assertEquals(400, admin.post("/step-delay", Map.of()).status());
            assertEquals(200, admin.get("/health").status());
            assertEquals(404, admin.get("/nothing").status());
        }
    }

    @Test
    void builderRejectsBadKnobs() {
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().errorRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().latency(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().rateLimitPerMinute(-1));
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().errorOnCreateNames("(").build());
    }
}
