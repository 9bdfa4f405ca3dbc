package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.TerraformWorkspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.tfhyperstack.plugin.LocalPluginClient;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built launcher binary, run the ways Terraform and people run it. */
class LauncherTest {
    private static final Path LAUNCHER =
            Path.of(System.getProperty("provider.dir", "target/provider"), "terraform-provider-hyperstack");

    private static Process start(Map<String, String> extraEnvironment, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TF_PLUGIN_MAGIC_COOKIE");
        builder.environment().putAll(TerraformWorkspace.serviceEnvironment());
        builder.environment().putAll(extraEnvironment);
        return builder.start();
    }

    private static String read(java.io.InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void versionIsAnsweredByTheLauncherItself() throws Exception {
        Process process = start(Map.of(), "--version");
        String out = read(process.getInputStream());
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(out.startsWith("terraform-provider-hyperstack "), out);
    }

    @Test
    void runByHandItSaysItIsATerraformPluginAndExitsOne() throws Exception {
        Process process = start(Map.of());
        String err = read(process.getErrorStream());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("meant to be started by Terraform"), err);
        assertEquals("", read(process.getInputStream()));
    }

    @Test
    void tooOldJavaIsReportedClearly(@TempDir Path fakeJavaHome) throws Exception {
        Files.createDirectories(fakeJavaHome.resolve("bin"));
        Path java = Files.writeString(fakeJavaHome.resolve("bin/java"), "#!/bin/sh\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(fakeJavaHome.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
        Process process = start(Map.of("JAVA_HOME", fakeJavaHome.toString()));
        String err = read(process.getErrorStream());
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertTrue(err.contains("Java 11") && err.contains("17"), err);
    }

    @Test
    void startedLikeTerraformItHandsShakesServesAndExitsZeroOnShutdown() throws Exception {
        SelfSignedCertificate terraform = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        Process process = start(Map.of(
                "TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
                "PLUGIN_PROTOCOL_VERSIONS", "5,6",
                "PLUGIN_MIN_PORT", "10000",
                "PLUGIN_MAX_PORT", "25000",
                "PLUGIN_CLIENT_CERT", terraform.pem()));
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String handshake = stdout.readLine();
            assertTrue(handshake != null && handshake.matches("1\\|6\\|unix\\|.+\\|grpc\\|[A-Za-z0-9+/]+"),
                    String.valueOf(handshake));
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, terraform)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
                client.shutdownPlugin();
            }
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running after Shutdown");
            assertEquals(0, process.exitValue(), read(process.getErrorStream()));
            assertEquals("", read(process.getInputStream()), "stdout after the handshake must stay empty");
        } finally {
            process.destroyForcibly();
        }
    }
}
