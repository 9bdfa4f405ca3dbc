package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.TerraformWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C during a wait: terraform sends StopProvider, the wait ends at once, and the instance that
 * already exists stays in state.
 */
class InstanceResourceInterruptTest extends ResourceE2eTest {

    @Override
    protected Duration stepDelay() {
        return Duration.ofSeconds(60);
    }

    @Test
    void interruptDuringTheCreateWaitEndsQuicklyAndKeepsTheInstance() throws Exception {
        config(instance("vm", "e2e-interrupt", ""));
        Path log = tf.dir().resolve("apply.log");
        Process terraform = tf.start(log, "apply", "-auto-approve", "-no-color");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sim.stats().count("POST", "/core/virtual-machines") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertNotEquals(0, sim.stats().count("POST", "/core/virtual-machines"), "the create never started");
            Thread.sleep(1000); // well inside the wait for ACTIVE, which takes minutes at this step delay

            long tookMs = TerraformWorkspace.interrupt(terraform, log, Duration.ofSeconds(15));
            String output = Files.readString(log);
            assertTrue(tookMs < 5000, "took " + tookMs + " ms:\n" + output);
            assertEquals(1, terraform.exitValue(), output);

            String id = attrs("hyperstack_instance.vm").path("id").asText();
            assertTrue(!id.isEmpty(), output);
            assertTrue(tf.tainted("hyperstack_instance.vm"), output);
            assertTrue(output.contains("Instance " + id), output);
            assertEquals("e2e-interrupt", api.getInstance(Long.parseLong(id)).name());
        } finally {
            terraform.destroyForcibly();
        }
    }
}
