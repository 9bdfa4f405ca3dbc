package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import org.junit.jupiter.api.Test;

/** Changes made outside Terraform: power in both directions, and deletion. */
class InstanceResourceDriftTest extends ResourceE2eTest {

    @Test
    void stoppedOutsideShowsAsAnInPlacePowerChangeBack() {
        config(instance("vm", "e2e-drift", ""));
        tf.apply();
        long id = idOf("hyperstack_instance.vm");
        api.stopInstance(id);
        awaitStatus(id, InstanceStatus.SHUTOFF);

        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("power_state        = \"stopped\" -> \"running\""), plan.stdout());
        assertTrue(plan.stdout().contains("updated in-place"), plan.stdout());
        tf.apply();
        assertEquals("ACTIVE", realStatus(id));
        assertNoChanges();
    }

    @Test
    void startedOutsideShowsAsAChangeBackToHibernated() {
        config(instance("vm", "e2e-drift-up", "  power_state = \"hibernated\"\n"));
        tf.apply();
        long id = idOf("hyperstack_instance.vm");
        api.restoreInstance(id);
        awaitStatus(id, InstanceStatus.ACTIVE);

        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("power_state        = \"running\" -> \"hibernated\""), plan.stdout());
        tf.apply();
        assertEquals("HIBERNATED", realStatus(id));
        assertNoChanges();
    }

    @Test
    void deletedOutsideLeavesStateWithAWarningAndIsPlannedAgain() {
        config(instance("vm", "e2e-gone", ""));
        tf.apply();
        long id = idOf("hyperstack_instance.vm");
        api.deleteInstance(id);
        api.statusWaiter().awaitGone(id, java.time.Duration.ofSeconds(30), io.tfhyperstack.hyperstack.Cancellation.none());

        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.output().contains("Instance " + id + " no longer exists"), plan.describe());
        assertTrue(plan.stdout().contains("1 to add, 0 to change, 0 to destroy"), plan.stdout());
        tf.apply();
        assertTrue(idOf("hyperstack_instance.vm") != id);
        assertNoChanges();
    }
}
