package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code data "hyperstack_instances"} and each of its filters, through the real terraform. */
class InstancesDataSourceTest extends SimulatorWorkspaceTest {

    @Test
    void eachFilter() {
        tf.config("""
                data "hyperstack_instances" "all" {}
                data "hyperstack_instances" "norway" {
                  environment_name = "demo-norway"
                }
                data "hyperstack_instances" "hibernated_names" {
                  name_regex = "-hibernated$"
                }
                data "hyperstack_instances" "not_running" {
                  power_states = ["stopped", "hibernated"]
                }
                data "hyperstack_instances" "web_team_a" {
                  labels = ["web", "team-a"]
                }
                output "all"              { value = data.hyperstack_instances.all.ids }
                output "count"            { value = data.hyperstack_instances.all.instance_count }
                output "norway"           { value = data.hyperstack_instances.norway.ids }
                output "hibernated_names" { value = data.hyperstack_instances.hibernated_names.ids }
                output "not_running"      { value = data.hyperstack_instances.not_running.ids }
                output "web_team_a"       { value = data.hyperstack_instances.web_team_a.instances[*].name }
                """);
        tf.apply();
        JsonNode out = tf.outputs();
        assertEquals(List.of("1001", "1002", "1003", "1004", "1005", "1006", "1007"), strings(out.path("all")));
        assertEquals(7, out.path("count").path("value").asInt());
        assertEquals(List.of("1005", "1007"), strings(out.path("norway")));
        assertEquals(List.of("1004", "1005"), strings(out.path("hibernated_names")));
        assertEquals(List.of("1003", "1004", "1005"), strings(out.path("not_running")));
        assertEquals(List.of("web-1", "web-2"), strings(out.path("web_team_a")));
        assertTrue(sim.stats().count("GET", "/core/virtual-machines") <= 2, sim.stats().toString());

        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), again.describe());
    }

    @Test
    void invalidFiltersFailAtValidate() {
        tf.config("""
                data "hyperstack_instances" "bad" {
                  name_regex   = "(unclosed"
                  power_states = ["on"]
                }
                """);
        CommandResult r = tf.run("validate");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Invalid regular expression"), r.describe());
        assertTrue(r.stderr().contains("Invalid value"), r.describe());
        assertEquals(0, sim.stats().total(), sim.stats().toString());
    }

    private static List<String> strings(JsonNode output) {
        List<String> out = new ArrayList<>();
        output.path("value").forEach(v -> out.add(v.asText()));
        return out;
    }
}
