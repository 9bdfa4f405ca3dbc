package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A plain HTTP client for tests: talks to the simulator the way the provider would, over the wire. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String message() {
            return body == null ? null : body.path("message").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    ApiClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    static ApiClient of(Simulator sim) {
        return new ApiClient(sim.baseUrl(), sim.apiKey());
    }

    ApiClient withKey(String key) {
        return new ApiClient(base, key);
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    Reply put(String path, Object body) {
        return send("PUT", path, body);
    }

    Reply send(String method, String path, Object body) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                b.header("Content-Type", "application/json");
            }
            if (apiKey != null) {
                b.header("api_key", apiKey);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new AssertionError("request " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode instance(long id) {
        Reply r = get("/core/virtual-machines/" + id);
        if (r.status() != 200) {
            fail("GET instance " + id + " answered " + r.status() + " " + r.body());
        }
        return r.body().get("instance");
    }

    String status(long id) {
        return instance(id).path("status").asText();
    }

    /** Polls GET until the instance satisfies {@code condition}; fails after {@code timeout}. */
    JsonNode awaitInstance(long id, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = instance(id);
            if (condition.test(last)) {
                return last;
            }
            sleep(15);
        }
        fail("instance " + id + " did not reach the expected state in " + timeout + "; last: " + last);
        return null;
    }

    /**
     * How long the waits below poll before failing. It only stops a broken test from hanging: far beyond
     * what a loaded machine needs, so that no test depends on how fast the simulator's steps get scheduled.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    JsonNode awaitStatus(long id, String status) {
        return awaitInstance(id, i -> status.equals(i.path("status").asText()), PATIENCE);
    }

    /** Polls until GET answers 404. */
    void awaitGone(long id) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/core/virtual-machines/" + id).status() == 404) {
                return;
            }
            sleep(15);
        }
        fail("instance " + id + " still exists");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
