package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With TF_LOG=debug the provider's own lines reach Terraform's log (RPC names, API calls with status
 * and duration), gRPC's internals do not, and the API key appears nowhere: not in the log, the plan or
 * the state.
 */
class LoggingTest {
    private static final String KEY = "sk-e2e-LOGGING-7f3a9c1d2b";

    @Test
    void debugLogShowsRpcsAndApiCallsButNeverTheKey() throws Exception {
        try (Simulator sim = Simulator.builder().port(0).apiKey(KEY).stepDelay(Duration.ofMillis(50)).build().start();
             TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.hyperstack(sim.baseUrl(), KEY).env("TF_LOG", "debug");
            tf.config("""
                    data "hyperstack_instance" "web" {
                      name = "web-1"
                    }
                    output "ip" {
                      value = data.hyperstack_instance.web.floating_ip
                    }
                    """);
            CommandResult plan = tf.run("plan", "-no-color");
            assertEquals(0, plan.exitCode(), plan.describe());
            String log = plan.stderr();
            assertTrue(log.contains("ReadDataSource"), "rpc names in the log");
            assertTrue(log.contains("provider.terraform-provider-hyperstack"), "provider lines are attributed to it");
            assertTrue(log.matches("(?s).*GET [^\\n]*/core/virtual-machines[^\\n]*200[^\\n]*ms.*"),
                    "API calls with status and duration");
            assertFalse(plan.output().contains(KEY), "the key leaked into terraform's output");
            assertFalse(log.contains("logger=io.grpc."), "gRPC's own debug lines belong to trace only");

            CommandResult apply = tf.run("apply", "-auto-approve", "-no-color");
            assertFalse(apply.output().contains(KEY));
            assertFalse(tf.run("show", "-json").output().contains(KEY));
        }
    }
}
