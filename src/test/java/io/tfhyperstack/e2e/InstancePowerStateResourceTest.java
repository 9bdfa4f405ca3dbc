package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import org.junit.jupiter.api.Test;

/** {@code hyperstack_instance_power_state} on seeded instances (the revival example: RevivalExampleTest). */
class InstancePowerStateResourceTest extends ResourceE2eTest {

    @Test
    void drivesPowerReportsDriftAndDestroyLeavesTheInstance() {
        config("""
                resource "hyperstack_instance_power_state" "batch" {
                  instance_id = "1003"
                  power_state = "running"
                }
                """);
        tf.apply();
        JsonNode s = attrs("hyperstack_instance_power_state.batch");
        assertEquals("batch-runner", s.path("name").asText());
        assertEquals("ACTIVE", s.path("status").asText());
        assertEquals("ACTIVE", realStatus(1003));
        assertNoChanges();

        api.stopInstance(1003);
        awaitStatus(1003, InstanceStatus.SHUTOFF);
        CommandResult drift = tf.planDetailed();
        assertEquals(2, drift.exitCode(), drift.describe());
        assertTrue(drift.stdout().contains("\"stopped\" -> \"running\""), drift.stdout());

        config("""
                resource "hyperstack_instance_power_state" "batch" {
                  instance_id = "1003"
                  power_state = "hibernated"
                }
                """);
        tf.apply();
        assertEquals("HIBERNATED", realStatus(1003));
        assertNoChanges();

        tf.ok("destroy", "-auto-approve");
        assertEquals("HIBERNATED", realStatus(1003), "destroy only forgets the power setting");
    }

    @Test
    void importAndAVanishedInstance() {
        config("""
                resource "hyperstack_instance_power_state" "web" {
                  instance_id = "1002"
                  power_state = "running"
                }
                """);
        tf.ok("import", "hyperstack_instance_power_state.web", "1002");
        assertEquals("running", attrs("hyperstack_instance_power_state.web").path("power_state").asText());
        assertNoChanges();

        api.deleteInstance(1002);
        api.statusWaiter().awaitGone(1002, java.time.Duration.ofSeconds(30),
                io.tfhyperstack.hyperstack.Cancellation.none());
        CommandResult plan = tf.planDetailed();
        assertTrue(plan.output().contains("Instance 1002 no longer exists"), plan.describe());
    }
}
