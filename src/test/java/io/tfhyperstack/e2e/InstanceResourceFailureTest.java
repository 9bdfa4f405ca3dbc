package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nothing is lost: an instance that fails after create stays in state, tainted, named in the error. */
class InstanceResourceFailureTest extends ResourceE2eTest {

    @Test
    void anInstanceThatLandsInErrorIsKeptTainted() {
        config(instance("vm", "broken-vm", ""));
        CommandResult r = tf.run("apply", "-auto-approve");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(tf.tainted("hyperstack_instance.vm"));
        JsonNode s = attrs("hyperstack_instance.vm");
        String id = s.path("id").asText();
        assertEquals("ERROR", s.path("status").asText());
        assertEquals("error", s.path("power_state").asText(), "state tells the truth, not the wish");
        assertEquals("ERROR", realStatus(Long.parseLong(id)));
        assertTrue(r.output().contains("Instance " + id), r.describe());
        assertTrue(r.output().contains("ERROR"), r.describe());

        CommandResult plan = tf.planDetailed();
        assertTrue(plan.stdout().contains("is tainted, so must be replaced"), plan.stdout());
    }

    @Test
    void aCreateTimeoutKeepsTheInstanceTainted() {
        sim.stepDelay(Duration.ofSeconds(20));
        config(instance("vm", "e2e-slow", "  timeouts {\n    create = \"2s\"\n  }\n"));
        long started = System.nanoTime();
        CommandResult r = tf.run("apply", "-auto-approve");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "the timeout ended the wait");
        assertTrue(tf.tainted("hyperstack_instance.vm"));
        String id = attrs("hyperstack_instance.vm").path("id").asText();
        assertTrue(r.output().contains("Instance " + id), r.describe());
        assertTrue(r.output().contains("Timed out"), r.describe());
    }

    /** The create call's own time comes out of timeouts.create: the wait gets only what is left. */
    @Test
    void theWaitAfterASlowCreateGetsOnlyWhatIsLeftOfTheTimeout() {
        sim.stepDelay(Duration.ofSeconds(60));
        sim.faults().latency(Duration.ofMillis(1500));
        config(instance("vm", "e2e-slow-create", "  timeouts {\n    create = \"3s\"\n  }\n"));
        CommandResult r = tf.run("apply", "-auto-approve");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(tf.tainted("hyperstack_instance.vm"));
        java.util.regex.Matcher waited = java.util.regex.Pattern.compile("Timed out after (\\d+) (ms|s)")
                .matcher(r.output().replaceAll("\\s+", " "));
        assertTrue(waited.find(), r.describe());
        long waitedMs = Long.parseLong(waited.group(1)) * (waited.group(2).equals("s") ? 1000 : 1);
        assertTrue(waitedMs <= 1500, "the wait was given " + waitedMs + " ms of the 3 s, after a create call of"
                + " at least 1.5 s:\n" + r.describe());
    }

    @Test
    void rateLimitsAndServerErrorBurstsAreAbsorbedByRetries() {
        sim.faults()
                .failNext("POST", "/core/virtual-machines", 1, 503)
                .failNext("GET", "/core/virtual-machines", 2, 429)
                .failNext("GET", "/core/virtual-machines/{id}/stop", 2, 500);
        config(instance("vm", "e2e-flaky", "  power_state = \"stopped\"\n"));
        tf.apply();
        JsonNode s = attrs("hyperstack_instance.vm");
        assertEquals("SHUTOFF", s.path("status").asText());
        assertTrue(sim.stats().countStatus(429) >= 1, sim.stats().toString());
        assertTrue(sim.stats().countStatus(503) + sim.stats().countStatus(500) >= 2, sim.stats().toString());
        assertNoChanges();
    }
}
