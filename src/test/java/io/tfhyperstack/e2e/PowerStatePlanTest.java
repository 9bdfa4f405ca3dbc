package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import org.junit.jupiter.api.Test;

/**
 * A new hyperstack_instance_power_state is for an instance that exists: its plan shows what the power
 * change cannot move (name, private IP, a public IP that is kept, the status of a no-op) instead of
 * "(known after apply)", and leaves unknown what can move.
 */
class PowerStatePlanTest extends ResourceE2eTest {

    private static String powerState(String label, long id, String power, String extra) {
        return "resource \"hyperstack_instance_power_state\" \"" + label + "\" {\n"
                + "  instance_id = \"" + id + "\"\n"
                + "  power_state = \"" + power + "\"\n"
                + extra
                + "}\n";
    }

    /** The plan's block for one resource, whitespace collapsed. */
    private static String block(String plan, String label) {
        String flat = plan.replaceAll("\\s+", " ");
        int start = flat.indexOf("hyperstack_instance_power_state." + label + " will be created");
        assertTrue(start >= 0, plan);
        int end = flat.indexOf("# ", start + 10);
        return flat.substring(start, end < 0 ? flat.length() : end);
    }

    @Test
    void aPlanShowsWhatThePowerChangeCannotMove() {
        config(powerState("same", 1001, "running", "")
                + powerState("stop", 1002, "stopped", "")
                + powerState("release", 1007, "hibernated", "  retain_floating_ip = false\n")
                + powerState("start", 1003, "running", ""));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        String out = plan.stdout();

        String same = block(out, "same");
        assertTrue(same.contains("+ name = \"web-1\""), same);
        assertTrue(same.contains("+ fixed_ip = \"10.0.0.11\""), same);
        assertTrue(same.contains("+ floating_ip = \"203.0.113.11\""), same);
        assertTrue(same.contains("+ status = \"ACTIVE\""), "nothing to change, so the status stays: " + same);
        assertFalse(same.contains("known after apply"), same);

        String stop = block(out, "stop");
        assertTrue(stop.contains("+ name = \"web-2\""), stop);
        assertTrue(stop.contains("+ floating_ip = \"203.0.113.12\""), "a stop keeps the public IP: " + stop);
        assertTrue(stop.contains("+ status = (known after apply)"), stop);

        String release = block(out, "release");
        assertTrue(release.contains("+ fixed_ip = \"10.0.0.17\""), release);
        assertTrue(release.contains("+ floating_ip = (known after apply)"), "a released IP can move: " + release);

        String start = block(out, "start");
        assertTrue(start.contains("+ name = \"batch-runner\""), start);
        assertTrue(start.contains("+ floating_ip = (known after apply)"), "an IP may appear on start: " + start);

        tf.apply();
        assertEquals("203.0.113.12", attrs("hyperstack_instance_power_state.stop").path("floating_ip").asText());
        assertEquals("SHUTOFF", attrs("hyperstack_instance_power_state.stop").path("status").asText());
        assertNoChanges();
    }

    @Test
    void anInstanceThatCannotBeReadAtPlanTimeLeavesTheValuesUnknown() {
        config(powerState("missing", 4242, "running", ""));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        String missing = block(plan.stdout(), "missing");
        assertTrue(missing.contains("+ name = (known after apply)"), missing);
        CommandResult apply = tf.run("apply", "-auto-approve");
        assertEquals(1, apply.exitCode(), apply.describe());
        assertTrue(apply.output().contains("Instance 4242 does not exist"), apply.describe());
    }
}
