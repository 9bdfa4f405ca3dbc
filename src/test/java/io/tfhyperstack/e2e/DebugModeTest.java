package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debug mode: the provider is started by hand (as under a debugger) with --debug, prints the
 * TF_REATTACH_PROVIDERS value, and Terraform uses that process instead of starting its own.
 */
class DebugModeTest {
    private static final String KEY = "sk-e2e-DEBUG-51c0";
    private static final Pattern REATTACH = Pattern.compile("export TF_REATTACH_PROVIDERS='(.+)'");

    @Test
    void terraformAttachesToAProviderStartedWithDebug() throws Exception {
        Path launcher = TerraformWorkspace.providerDir().resolve("terraform-provider-hyperstack");
        Path providerLog = Files.createTempFile("debug-provider", ".log");
        try (Simulator sim = Simulator.builder().port(0).apiKey(KEY).stepDelay(Duration.ofMillis(50)).build().start();
             // dev_overrides point nowhere: only the attached process can serve the provider.
             TerraformWorkspace tf = new TerraformWorkspace(Files.createTempDirectory("no-provider-here"))) {
            // An attached provider reads the environment it was started with, not Terraform's.
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--debug")
                    .redirectError(providerLog.toFile());
            builder.environment().put("TF_LOG_PROVIDER", "debug");
            builder.environment().put("HYPERSTACK_API_ADDRESS", sim.baseUrl());
            builder.environment().put("HYPERSTACK_API_KEY", KEY);
            Process provider = builder.start();
            try {
                String reattach = reattachValue(provider);
                assertNotNull(reattach, "no TF_REATTACH_PROVIDERS line from --debug");
                assertTrue(reattach.contains("\"Network\":\"unix\""), reattach);
                tf.env("TF_REATTACH_PROVIDERS", reattach);
                tf.config("""
                        data "hyperstack_instance" "web" {
                          name = "web-1"
                        }
                        output "status" {
                          value = data.hyperstack_instance.web.status
                        }
                        """);
                tf.ok("apply", "-auto-approve");
                assertEquals("ACTIVE", tf.outputs().path("status").path("value").asText(), tf.outputs().toString());
                // A second walk reaches the same process: Terraform does not stop an attached provider.
                CommandResult plan = tf.run("plan", "-detailed-exitcode");
                assertEquals(0, plan.exitCode(), plan.describe());
                assertTrue(provider.isAlive(), "the debug provider exited after Terraform was done with it");
                String log = Files.readString(providerLog, StandardCharsets.UTF_8);
                assertTrue(log.contains("ReadDataSource"), "the attached process served the reads: " + log);
            } finally {
                provider.destroy();
                provider.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(providerLog);
        }
    }

    private static String reattachValue(Process provider) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(provider.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher match = REATTACH.matcher(line.trim());
            if (match.matches()) {
                return match.group(1);
            }
        }
        return null;
    }
}
