package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.hyperstack.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Create, labels in place, replacement on a flavor change, the CI sequence with a saved plan, destroy. */
class InstanceResourceLifecycleTest extends ResourceE2eTest {

    @Test
    void createExportsEverythingAndASecondPlanIsEmpty() {
        config(instance("web", "e2e-web", """
                  assign_floating_ip = true
                  labels             = ["team-a", "web"]
                """));
        tf.apply();
        JsonNode s = attrs("hyperstack_instance.web");
        long id = s.path("id").asLong();
        assertEquals("ACTIVE", s.path("status").asText());
        assertEquals("running", s.path("power_state").asText());
        assertEquals("active", s.path("vm_state").asText());
        assertEquals("CANADA-1", s.path("region").asText());
        assertTrue(s.path("fixed_ip").asText().startsWith("10."), s.toString());
        assertTrue(s.path("floating_ip").asText().startsWith("198.18."), s.toString());
        assertEquals("A100-80G-PCIe", s.path("gpu").asText());
        assertEquals(1, s.path("gpu_count").asInt());
        assertEquals(28, s.path("cpu").asInt());
        assertTrue(s.path("ram").asDouble() > 0);
        assertTrue(!s.path("created_at").asText().isEmpty());
        assertEquals(List.of("team-a", "web"), api.getInstance(id).labels().stream().sorted().toList());
        assertNoChanges();
    }

    @Test
    void labelsChangeInPlace() {
        config(instance("web", "e2e-labels", "  labels = [\"a\", \"b\"]\n"));
        tf.apply();
        long id = idOf("hyperstack_instance.web");

        config(instance("web", "e2e-labels", "  labels = [\"b\", \"c\"]\n"));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("1 to change, 0 to destroy"), plan.stdout());
        // Only labels change: nothing about the instance's power becomes unknown.
        assertTrue(!plan.stdout().contains("(known after apply)"), plan.stdout());
        tf.apply();
        assertEquals(id, idOf("hyperstack_instance.web"));
        assertEquals(List.of("b", "c"), api.getInstance(id).labels().stream().sorted().toList());
        assertNoChanges();

        config(instance("web", "e2e-labels", ""));
        tf.apply();
        assertEquals(List.of(), api.getInstance(id).labels());
        assertNoChanges();
    }

    @Test
    void aFlavorChangeReplacesTheInstance() {
        config(instance("web", "e2e-replace", ""));
        tf.apply();
        long before = idOf("hyperstack_instance.web");

        config(instance("web", "e2e-replace", "").replace("n3-A100x1", "n3-RTX-A6000x1"));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("must be replaced"), plan.stdout());
        assertTrue(plan.stdout().contains("forces replacement"), plan.stdout());
        tf.apply();
        long after = idOf("hyperstack_instance.web");
        assertNotEquals(before, after);
        assertEquals("n3-RTX-A6000x1", api.getInstance(after).flavor().name());
        assertThrows(NotFoundException.class, () -> api.getInstance(before));
        assertNoChanges();
    }

    @Test
    void savedPlanAppliesAndTheNextPlanIsEmpty() {
        config(instance("web", "e2e-ci", "  power_state = \"stopped\"\n"));
        tf.ok("plan", "-out=tfplan");
        tf.ok("apply", "tfplan");
        assertEquals("SHUTOFF", realStatus(idOf("hyperstack_instance.web")));
        assertNoChanges();

        config(instance("web", "e2e-ci", "  power_state = \"hibernated\"\n  labels = [\"x\"]\n"));
        tf.ok("plan", "-out=tfplan");
        tf.ok("apply", "tfplan");
        assertEquals("HIBERNATED", realStatus(idOf("hyperstack_instance.web")));
        assertNoChanges();
    }

    @Test
    void destroyDeletesAndWaitsUntilGone() {
        config(instance("web", "e2e-destroy", "  power_state = \"stopped\"\n"));
        tf.apply();
        long id = idOf("hyperstack_instance.web");
        tf.ok("destroy", "-auto-approve");
        assertThrows(NotFoundException.class, () -> api.getInstance(id));
        assertTrue(tf.state().path("values").path("root_module").path("resources").isMissingNode()
                || tf.state().path("values").path("root_module").path("resources").isEmpty());
    }
}
