package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import org.junit.jupiter.api.Test;

/**
 * Mistakes a user can fix get a plain diagnostic that names what to fix, as early as possible, and
 * never a Java class name.
 */
class ConfigurationMistakesTest extends SimulatorWorkspaceTest {

    private static void assertNoJavaInside(CommandResult r) {
        String all = r.stdout() + r.stderr();
        assertFalse(all.contains("java.") || all.contains("Exception"), "a Java class name shown:\n" + r.describe());
    }

    @Test
    void aNonCanonicalInstanceIdIsRefusedAtValidateTime() {
        tf.config("""
                resource "hyperstack_instance_power_state" "web" {
                  instance_id = "01002"
                  power_state = "running"
                }
                """);
        CommandResult validate = tf.run("validate");
        assertEquals(1, validate.exitCode(), validate.describe());
        assertTrue(validate.stderr().contains("Invalid instance id"), validate.describe());
        assertTrue(validate.stderr().contains("instance_id"), validate.describe());
        assertTrue(validate.stderr().contains("\"01002\""), validate.describe());
        assertEquals(0, sim.stats().total(), "nothing reached the API");
    }

    @Test
    void aCanonicalInstanceIdPlansNoChangeAfterApply() {
        tf.config("""
                resource "hyperstack_instance_power_state" "web" {
                  instance_id = "1002"
                  power_state = "running"
                }
                """);
        tf.apply();
        assertEquals("1002", tf.resource("hyperstack_instance_power_state.web").path("instance_id").asText());
        assertEquals(0, tf.planDetailed().exitCode(), "no perpetual diff");
    }

    @Test
    void anApiAddressFromTheEnvironmentThatIsNoUrlNamesTheVariable() {
        tf.env("HYPERSTACK_API_ADDRESS", "not a url").config("""
                data "hyperstack_instance" "web" {
                  name = "web-1"
                }
                """);
        CommandResult plan = tf.run("plan");
        assertEquals(1, plan.exitCode(), plan.describe());
        assertTrue(plan.stderr().contains("Invalid HYPERSTACK_API_ADDRESS"), plan.describe());
        assertTrue(plan.stderr().contains("must start with http:// or https://"), plan.describe());
        assertFalse(plan.stderr().contains("Unexpected provider error"), plan.describe());
        assertNoJavaInside(plan);
    }

    @Test
    void anApiAddressInTheBlockThatIsNoUrlIsRefusedAtValidateTime() {
        tf.config("""
                provider "hyperstack" {
                  api_address = "ftp://example.com/v1"
                }
                data "hyperstack_instance" "web" {
                  name = "web-1"
                }
                """);
        CommandResult validate = tf.run("validate");
        assertEquals(1, validate.exitCode(), validate.describe());
        assertTrue(validate.stderr().contains("Invalid URL"), validate.describe());
        assertTrue(validate.stderr().contains("api_address"), validate.describe());
        assertNoJavaInside(validate);
    }
}
