package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive installs the way a registry install does: from a filesystem mirror through
 * {@code terraform init}, with checksums recorded in the lock file, and the quickstart configuration
 * then applies with the installed copy.
 */
class MirrorInstallTest {
    @Test
    void releaseZipInstallsFromAMirrorAndRunsTheQuickstart() throws Exception {
        String version = System.getProperty("project.version", "0.1.0");
        Path release = Paths.get(System.getProperty("release.dir", "target/release"));
        String zipName = "terraform-provider-hyperstack_" + version + "_linux_amd64.zip";
        Path zip = release.resolve(zipName);
        assertTrue(Files.exists(zip), "no release archive at " + zip);
        String sums = Files.readString(release.resolve("terraform-provider-hyperstack_" + version + "_SHA256SUMS"));
        assertTrue(sums.contains(zipName), sums);

        Path mirror = Files.createTempDirectory("mirror");
        Path packed = mirror.resolve("registry.terraform.io/tfhyperstack/hyperstack");
        Files.createDirectories(packed);
        Files.copy(zip, packed.resolve(zipName));

        try (Simulator sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(100)).build().start();
             TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.file("mirror.tfrc", "provider_installation {\n  filesystem_mirror {\n    path    = \""
                    + mirror.toAbsolutePath() + "\"\n    include = [\"registry.terraform.io/tfhyperstack/hyperstack\"]\n  }\n}\n");
            tf.env("TF_CLI_CONFIG_FILE", tf.dir().resolve("mirror.tfrc").toString())
                    .hyperstack(sim.baseUrl(), sim.apiKey());
            for (Path f : List.of(Paths.get("examples/quickstart/main.tf"))) {
                tf.file("main.tf", Files.readString(f));
            }

            CommandResult init = tf.ok("init", "-no-color");
            assertTrue(init.stdout().contains("Installed tfhyperstack/hyperstack v" + version), init.describe());
            String lock = Files.readString(tf.dir().resolve(".terraform.lock.hcl"));
            assertTrue(lock.matches("(?s).*version\\s*=\\s*\"" + java.util.regex.Pattern.quote(version) + "\".*"), lock);
            assertTrue(lock.contains("h1:"), lock);

            CommandResult versionOut = tf.ok("version");
            assertTrue(versionOut.stdout().contains("provider registry.terraform.io/tfhyperstack/hyperstack v" + version),
                    versionOut.describe());

            tf.apply();
            assertEquals("running", tf.resource("hyperstack_instance_power_state.sleeper").path("power_state").asText());
            assertEquals(0, tf.planDetailed().exitCode());
        }
    }
}
