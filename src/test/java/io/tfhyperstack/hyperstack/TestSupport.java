package io.tfhyperstack.hyperstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Shared bits of the client tests: sample payloads, generated listings, a recording sleeper. */
final class TestSupport {
    /** Distinctive, so a leak into any message or log line is unmistakable. */
    static final String API_KEY = "hs-SECRET-7f3a9c1e-do-not-leak";
    /** Far above anything the tests send, so the shared limiter never slows them down. */
    static final int FAST_RPM = 6_000_000;
    /**
     * Makes each client's rate, and so its process-wide budget, its own: a hold or a lowered rate left
     * by one test's 429s must not slow down the next test against the same address.
     */
    private static final AtomicInteger DISTINCT = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    private TestSupport() {
    }

    static String sample(String name) {
        return resource("/samples/" + name);
    }

    static String resource(String path) {
        try (InputStream in = TestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HyperstackClient.Builder client(String baseUrl) {
        return HyperstackClient.builder()
                .baseUrl(baseUrl + "/v1")
                .apiKey(API_KEY)
                .providerVersion("1.2.3")
                .terraformVersion("1.9.8")
                .requestsPerMinute(FAST_RPM - DISTINCT.incrementAndGet())
                .sleeper(new RecordingSleeper());
    }

    /**
     * Waits until {@code condition} holds. The bound only stops a broken test from hanging: it is far
     * beyond what a loaded machine needs, so that no test depends on how fast threads get scheduled.
     */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still not true after 30 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** One instance as the API lists it, with predictable name and IPs. */
    static ObjectNode instanceJson(long id, String status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("name", "vm-" + id);
        n.put("status", status);
        n.put("fixed_ip", "10.0." + (id / 250) + "." + (id % 250));
        n.put("floating_ip", "38.80." + (id / 250) + "." + (id % 250));
        ObjectNode env = n.putObject("environment");
        env.put("id", 12);
        env.put("name", id % 2 == 0 ? "prod-canada" : "dev-norway");
        n.putArray("labels").add("generated");
        return n;
    }

    /** A list answer holding {@code ids}, as page {@code page}. {@code count} < 0 leaves the count out. */
    static String listPage(List<ObjectNode> items, int page, int pageSize, int count) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", true);
        root.put("message", "Getting instances success");
        root.put("page", page);
        root.put("page_size", pageSize);
        if (count >= 0) {
            root.put("count", count);
        }
        ArrayNode arr = root.putArray("instances");
        items.forEach(arr::add);
        return root.toString();
    }

    /** Records every requested wait and returns at once (still honouring cancellation). */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration, Cancellation cancellation) {
            cancellation.throwIfCancelled("a test wait");
            waits.add(duration);
        }
    }
}
