package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import org.junit.jupiter.api.Test;

/** Import by id, with the CLI and with an {@code import {}} block; a matching config never replaces. */
class InstanceResourceImportTest extends ResourceE2eTest {
    /** Seeded web-1 (1001): ACTIVE with a public IP and the labels web, team-a. */
    private static final String WEB_1 = """
            resource "hyperstack_instance" "web" {
              name               = "web-1"
              environment_name   = "demo-canada"
              flavor_name        = "n3-L40x1"
              key_name           = "demo-key"
              image_name         = "Ubuntu Server 22.04 LTS"
              assign_floating_ip = true
              labels             = %s
            }
            """;

    private String labelsOf1001() {
        return api.getInstance(1001).labels().stream().map(l -> "\"" + l + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    @Test
    void cliImportThenAMatchingConfigPlansNothing() {
        config(WEB_1.formatted(labelsOf1001()));
        tf.ok("import", "hyperstack_instance.web", "1001");
        JsonNode s = attrs("hyperstack_instance.web");
        assertEquals("web-1", s.path("name").asText());
        assertEquals("running", s.path("power_state").asText());
        assertEquals("203.0.113.11", s.path("floating_ip").asText());
        assertNoChanges();
    }

    @Test
    void importBlockAdoptsUserDataWithoutReplacing() {
        importBatchRunner("  user_data        = \"#cloud-config\\npackages: [htop]\\n\"\n");
        CommandResult plan = tf.planDetailed();
        assertTrue(plan.stdout().contains("1 to import"), plan.stdout());
        assertFalse(plan.stdout().contains("must be replaced"), plan.stdout());
        assertTrue(plan.stdout().contains("0 to add"), plan.stdout());
        tf.apply();
        JsonNode s = attrs("hyperstack_instance.batch");
        assertEquals("1003", s.path("id").asText());
        assertEquals("stopped", s.path("power_state").asText());
        assertTrue(s.path("user_data").asText().startsWith("#cloud-config"));
        assertEquals("SHUTOFF", realStatus(1003));
        assertNoChanges();

        // Once known, user_data is fixed at creation like the other creation arguments.
        tf.file("main.tf", readMain().replace("htop", "curl"));
        CommandResult change = tf.planDetailed();
        assertTrue(change.stdout().contains("must be replaced"), change.stdout());
    }

    /** An instance created with the defaults (no public IP) imports as exactly that: nothing to change. */
    @Test
    void importingAnInstanceWithoutAPublicIpUnderTheDefaultsPlansNoChange() {
        importBatchRunner("");
        CommandResult plan = tf.planDetailed();
        assertTrue(plan.stdout().contains("1 to import, 0 to add, 0 to change, 0 to destroy"), plan.stdout());
        tf.apply();
        assertFalse(attrs("hyperstack_instance.batch").path("assign_floating_ip").asBoolean(true));
        assertNoChanges();
    }

    @Test
    void anUnknownIdIsAClearError() {
        config(WEB_1.formatted("[]"));
        CommandResult r = tf.run("import", "hyperstack_instance.web", "not-a-number");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.output().contains("numeric instance id"), r.describe());
    }

    /** An import block for the seeded batch-runner (1003, stopped, no public IP) and its matching config. */
    private void importBatchRunner(String extraAttributes) {
        config("""
                import {
                  to = hyperstack_instance.batch
                  id = "1003"
                }
                resource "hyperstack_instance" "batch" {
                  name             = "batch-runner"
                  environment_name = "demo-canada"
                  flavor_name      = "n3-RTX-A6000x1"
                  key_name         = "demo-key"
                  image_name       = "%s"
                  power_state      = "stopped"
                  labels           = %s
                %s}
                """.formatted(api.getInstance(1003).image().name(), labelsOrNull(1003), extraAttributes));
    }

    private String labelsOrNull(long id) {
        var labels = api.getInstance(id).labels();
        return labels.isEmpty() ? "null" : labels.stream().map(l -> "\"" + l + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private String readMain() {
        try {
            return java.nio.file.Files.readString(tf.dir().resolve("main.tf"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
