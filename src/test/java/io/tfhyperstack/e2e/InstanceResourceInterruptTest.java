package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.TerraformWorkspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
        ProcessBuilder pb = new ProcessBuilder("terraform", "apply", "-auto-approve", "-no-color")
                .directory(tf.dir().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TF_CLI_CONFIG_FILE", tf.dir().resolve("cli.tfrc").toString());
        pb.environment().put("HYPERSTACK_API_ADDRESS", sim.baseUrl());
        pb.environment().put("HYPERSTACK_API_KEY", sim.apiKey());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().putAll(TerraformWorkspace.serviceEnvironment());
        Process terraform = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sim.stats().count("POST", "/core/virtual-machines") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertNotEquals(0, sim.stats().count("POST", "/core/virtual-machines"), "the create never started");
            Thread.sleep(1000); // well inside the wait for ACTIVE, which takes minutes at this step delay

            long interrupted = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(terraform.pid())).start().waitFor();
            assertTrue(terraform.waitFor(15, TimeUnit.SECONDS), "terraform did not end after the interrupt:\n"
                    + Files.readString(log));
            long tookMs = (System.nanoTime() - interrupted) / 1_000_000;
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
