package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.simulator.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the resource end-to-end tests add to the simulator and workspace: faults by name, steps long
 * enough that waits really poll, and a client of our own to act on instances behind Terraform's back
 * and to check what really exists.
 */
abstract class ResourceE2eTest extends SimulatorWorkspaceTest {
    protected HyperstackClient api;

    /** Short, so that the suite stays fast, but long enough that every wait really polls. */
    protected Duration stepDelay() {
        return Duration.ofMillis(150);
    }

    @Override
    protected Simulator.Builder simulator() {
        return super.simulator().stepDelay(stepDelay()).errorOnCreateNames("^broken-");
    }

    @BeforeEach
    void startClient() {
        api = HyperstackClient.builder().baseUrl(sim.baseUrl()).apiKey(sim.apiKey())
                .pollIntervals(Duration.ofMillis(50), Duration.ofMillis(100)).build();
    }

    /** A provider block that retries quickly, then {@code hcl}. */
    protected void config(String hcl) {
        tf.config("provider \"hyperstack\" {\n  max_retries = 4\n}\n\n" + hcl);
    }

    /** An instance in demo-canada with everything but what {@code extra} adds. */
    protected static String instance(String label, String name, String extra) {
        return "resource \"hyperstack_instance\" \"" + label + "\" {\n"
                + "  name             = \"" + name + "\"\n"
                + "  environment_name = \"demo-canada\"\n"
                + "  flavor_name      = \"n3-A100x1\"\n"
                + "  key_name         = \"demo-key\"\n"
                + "  image_name       = \"Ubuntu Server 22.04 LTS\"\n"
                + extra
                + "}\n";
    }

    protected String realStatus(long id) {
        return api.getInstance(id).status();
    }

    protected long idOf(String address) {
        return Long.parseLong(tf.resource(address).path("id").asText());
    }

    protected JsonNode attrs(String address) {
        return tf.resource(address);
    }

    protected void assertNoChanges() {
        CommandResult plan = tf.planDetailed();
        assertEquals(0, plan.exitCode(), "a second plan should show no changes:\n" + plan.describe());
    }

    protected void awaitStatus(long id, InstanceStatus status) {
        api.statusWaiter().awaitStatus(id, status, Duration.ofSeconds(30), Cancellation.none());
    }
}
