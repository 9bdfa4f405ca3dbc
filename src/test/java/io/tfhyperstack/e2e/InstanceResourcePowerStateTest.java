package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import org.junit.jupiter.api.Test;

/** Every transition of the power table through {@code hyperstack_instance}, and create straight into hibernation. */
class InstanceResourcePowerStateTest extends ResourceE2eTest {

    private void moveTo(String power, String status, String action) {
        config(instance("vm", "e2e-power", "  assign_floating_ip = true\n  power_state = \"" + power + "\"\n"));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("1 to change, 0 to destroy"), action + ": " + plan.stdout());
        sim.resetStats();
        tf.apply();
        JsonNode s = attrs("hyperstack_instance.vm");
        assertEquals(power, s.path("power_state").asText(), action);
        assertEquals(status, s.path("status").asText(), action);
        assertEquals(status, realStatus(s.path("id").asLong()), action);
        for (String a : action.split(" ")) {
            assertEquals(1, sim.stats().count("GET", "/core/virtual-machines/{id}/" + a), action + ": " + sim.stats());
        }
        assertNoChanges();
    }

    @Test
    void everyTransitionInPlace() {
        config(instance("vm", "e2e-power", "  assign_floating_ip = true\n"));
        tf.apply();
        long id = idOf("hyperstack_instance.vm");
        String ip = attrs("hyperstack_instance.vm").path("floating_ip").asText();

        moveTo("stopped", "SHUTOFF", "stop");
        moveTo("hibernated", "HIBERNATED", "start hibernate");
        moveTo("stopped", "SHUTOFF", "hibernate-restore stop");
        moveTo("running", "ACTIVE", "start");
        moveTo("hibernated", "HIBERNATED", "hibernate");
        moveTo("running", "ACTIVE", "hibernate-restore");

        assertEquals(id, idOf("hyperstack_instance.vm"), "power changes never replace the instance");
        assertEquals(ip, attrs("hyperstack_instance.vm").path("floating_ip").asText(), "retained across hibernation");
    }

    @Test
    void createStraightIntoHibernation() {
        config(instance("vm", "e2e-sleeper", "  power_state = \"hibernated\"\n"));
        tf.apply();
        JsonNode s = attrs("hyperstack_instance.vm");
        assertEquals("hibernated", s.path("power_state").asText());
        assertEquals("HIBERNATED", s.path("status").asText());
        assertEquals("HIBERNATED", realStatus(s.path("id").asLong()));
        assertNoChanges();
    }

    @Test
    void releasingTheIpOnHibernationPlansItUnknownAndGetsANewOne() {
        config(instance("vm", "e2e-release", "  assign_floating_ip = true\n  retain_floating_ip = false\n"));
        tf.apply();
        String ip = attrs("hyperstack_instance.vm").path("floating_ip").asText();

        config(instance("vm", "e2e-release", """
                  assign_floating_ip = true
                  retain_floating_ip = false
                  power_state        = "hibernated"
                """));
        CommandResult plan = tf.planDetailed();
        assertTrue(plan.stdout().contains("floating_ip        = \"" + ip + "\" -> (known after apply)"), plan.stdout());
        tf.apply();
        assertTrue(attrs("hyperstack_instance.vm").path("floating_ip").isNull());
        assertNoChanges();

        config(instance("vm", "e2e-release", "  assign_floating_ip = true\n  retain_floating_ip = false\n"));
        tf.apply();
        assertTrue(attrs("hyperstack_instance.vm").path("floating_ip").asText().startsWith("198.18."));
        assertNoChanges();
    }
}
