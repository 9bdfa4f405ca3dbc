package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import io.tfhyperstack.simulator.Simulator;
import io.tfhyperstack.simulator.SimulatorStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * An API that grants fewer requests than the provider's default pace (40 a minute, pages of at most 7,
 * 300+ instances: more pages than one minute allows) and 31 look-ups by name, with the default
 * configuration: the plan succeeds, and 429s cost few extra requests, with and without Retry-After.
 * Each test takes over a minute of real time, since the API's window is a minute.
 */
class RateLimitedLookupsTest extends SimulatorWorkspaceTest {
    private static final int PER_MINUTE = 40;
    private static final int PAGE_CAP = 7;
    private static final int SYNTHETIC = 300;
    private static final int LOOKUPS = 31;

    @Override
    protected Simulator.Builder simulator() {
        return super.simulator().syntheticInstances(SYNTHETIC).maxPageSize(PAGE_CAP);
    }

    @Test
    void lookUpsThroughARateLimitWithoutRetryAfter() {
        planThroughTheLimit();
    }

    @Test
    void lookUpsThroughARateLimitThatSendsRetryAfter() {
        sim.faults().retryAfterWindowEnd();
        planThroughTheLimit();
    }

    private void planThroughTheLimit() {
        StringBuilder hcl = new StringBuilder();
        for (int i = 0; i < LOOKUPS; i++) {
            hcl.append(String.format(Locale.ROOT, "data \"hyperstack_instance\" \"l%d\" {\n  name = \"synthetic-%05d\"\n}\n",
                    i, 1 + i * 9));
        }
        hcl.append("output \"first\" {\n  value = data.hyperstack_instance.l0.name\n}\n");
        tf.config(hcl.toString());
        tf.env("TF_LOG_PROVIDER", "INFO");
        long instances = countInstances();
        sim.resetStats();
        sim.faults().rateLimit(PER_MINUTE); // the API's minute starts now

        long started = System.nanoTime();
        CommandResult plan = tf.run("plan");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        SimulatorStats stats = sim.stats();
        long pages = (instances + PAGE_CAP - 1) / PAGE_CAP;
        System.out.printf(Locale.ROOT, "rate-limited plan: %d pages, %d requests (%d answered 429), %d s%n", pages,
                stats.total(), stats.countStatus(429), seconds);
        assertEquals(0, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("first = \"synthetic-00001\""), plan.describe());
        assertTrue(pages > PER_MINUTE, "the listing needs more requests than a minute grants: " + pages);
        assertTrue(stats.countStatus(429) >= 1, "the API's limit was reached: " + stats);
        assertTrue(stats.total() <= pages * 3 / 2, "at most 1.5 times the " + pages + " pages: " + stats);
        assertTrue(plan.stderr().contains("pacing requests at"), "one INFO line when the pace drops:\n"
                + plan.describe());
    }

    /** How many instances the simulator holds, read before the limit is on (and not counted). */
    private long countInstances() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/core/virtual-machines?pageSize=1"))
                    .header("api_key", sim.apiKey()).build();
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            return new ObjectMapper().readTree(body).path("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
