package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import org.junit.jupiter.api.Test;

/**
 * {@code data "hyperstack_instance"} driven by the real terraform through the launcher, against the
 * simulator's default seed (two instances named "worker", in demo-canada and demo-norway).
 */
class InstanceDataSourceTest extends SimulatorWorkspaceTest {

    @Test
    void looksUpByIdNameFixedIpAndFloatingIp() {
        tf.config("""
                data "hyperstack_instance" "by_id" {
                  id = "1003"
                }
                data "hyperstack_instance" "by_name" {
                  name = "web-1"
                }
                data "hyperstack_instance" "by_fixed_ip" {
                  ip = "10.0.0.12"
                }
                data "hyperstack_instance" "by_floating_ip" {
                  ip = "203.0.113.16"
                }
                data "hyperstack_instance" "worker_norway" {
                  name             = "worker"
                  environment_name = "demo-norway"
                }
                output "by_id"  { value = data.hyperstack_instance.by_id.name }
                output "by_name" { value = data.hyperstack_instance.by_name.id }
                output "by_fixed_ip" { value = data.hyperstack_instance.by_fixed_ip.name }
                output "by_floating_ip" { value = data.hyperstack_instance.by_floating_ip.id }
                output "worker_norway" { value = data.hyperstack_instance.worker_norway.id }
                """);
        tf.apply();
        JsonNode out = tf.outputs();
        assertEquals("batch-runner", out.path("by_id").path("value").asText());
        assertEquals("1001", out.path("by_name").path("value").asText());
        assertEquals("web-2", out.path("by_fixed_ip").path("value").asText());
        assertEquals("1006", out.path("by_floating_ip").path("value").asText());
        assertEquals("1007", out.path("worker_norway").path("value").asText());

        JsonNode web1 = tf.resource("data.hyperstack_instance.by_name");
        assertEquals("running", web1.path("power_state").asText());
        assertEquals("ACTIVE", web1.path("status").asText());
        assertEquals("demo-canada", web1.path("environment_name").asText());
        assertEquals("CANADA-1", web1.path("region").asText());
        assertEquals("n3-L40x1", web1.path("flavor_name").asText());
        assertEquals("10.0.0.11", web1.path("fixed_ip").asText());
        assertTrue(web1.path("labels").toString().contains("team-a"), web1.toString());
        JsonNode stopped = tf.resource("data.hyperstack_instance.by_id");
        assertEquals("stopped", stopped.path("power_state").asText());
        assertTrue(stopped.path("floating_ip").isNull(), "no public IP is null, not invented: " + stopped);

        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), again.describe());
    }

    @Test
    void severalMatchesFailWithTheListAndAHint() {
        tf.config("""
                data "hyperstack_instance" "w" {
                  name = "worker"
                }
                """);
        CommandResult r = tf.run("plan");
        assertEquals(1, r.exitCode(), r.describe());
        String err = flat(r.stderr());
        assertTrue(err.contains("Several instances match"), r.describe());
        assertTrue(err.contains("id 1006: name \"worker\", environment \"demo-canada\", status ACTIVE"), r.describe());
        assertTrue(err.contains("id 1007: name \"worker\", environment \"demo-norway\", status ACTIVE"), r.describe());
        assertTrue(err.contains("environment_name"), r.describe());
    }

    @Test
    void noMatchSaysWhatWasSearched() {
        tf.config("""
                data "hyperstack_instance" "w" {
                  name             = "web-1"
                  environment_name = "demo-norway"
                }
                """);
        CommandResult r = tf.run("plan");
        assertEquals(1, r.exitCode(), r.describe());
        String err = flat(r.stderr());
        assertTrue(err.contains("No matching instance"), r.describe());
        assertTrue(err.contains("the name \"web-1\" in the environment \"demo-norway\""), r.describe());
        assertTrue(err.contains("Looked at 7 instances"), r.describe());
    }

    @Test
    void invalidArgumentsFailAtValidateWithoutApiRequests() {
        // One block per mistake; terraform validate reports every block's errors in one run.
        String[][] cases = {
                {"", "Missing lookup argument"},
                {"name = \"web-1\"\n  ip = \"10.0.0.11\"", "Conflicting lookup arguments"},
                {"ip = \"not-an-ip\"", "Invalid IP address"},
                {"name = \"\"", "must be between 1 and 50 characters long; it has 0"},
                {"name = \"" + "n".repeat(51) + "\"", "must be between 1 and 50 characters long; it has 51"},
                {"id = \"web-1\"", "Invalid instance id"},
        };
        StringBuilder hcl = new StringBuilder();
        for (int n = 0; n < cases.length; n++) {
            hcl.append("data \"hyperstack_instance\" \"x").append(n).append("\" {\n  ").append(cases[n][0]).append("\n}\n");
        }
        tf.config(hcl.toString());
        CommandResult r = tf.run("validate");
        assertEquals(1, r.exitCode(), r.describe());
        String err = flat(r.stderr());
        for (String[] c : cases) {
            assertTrue(err.contains(c[1]), c[1] + " expected:\n" + r.describe());
        }
        assertEquals(0, sim.stats().total(), sim.stats().toString());
    }

    @Test
    void argumentUnknownAtPlanIsReadDuringApply() {
        tf.config("""
                resource "terraform_data" "ip" {
                  input = "203.0.113.17"
                }
                data "hyperstack_instance" "w" {
                  ip = terraform_data.ip.output
                }
                output "name_env" {
                  value = "${data.hyperstack_instance.w.name}@${data.hyperstack_instance.w.environment_name}"
                }
                """);
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("data.hyperstack_instance.w will be read during apply"), plan.describe());
        tf.apply();
        assertEquals("worker@demo-norway", tf.outputs().path("name_env").path("value").asText());
        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), again.describe());
    }

    /** Terraform wraps long diagnostics and frames them with "│"; compare the words only. */
    static String flat(String s) {
        return s.replace("│", " ").replaceAll("\\s+", " ");
    }
}
