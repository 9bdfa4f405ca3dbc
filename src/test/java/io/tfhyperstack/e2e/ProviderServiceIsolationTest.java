package io.tfhyperstack.e2e;

import static io.tfhyperstack.e2e.ProviderServiceLifecycleTest.BUILD;
import static io.tfhyperstack.e2e.ProviderServiceLifecycleTest.PID;
import static io.tfhyperstack.e2e.ProviderServiceLifecycleTest.await;
import static io.tfhyperstack.e2e.ProviderServiceLifecycleTest.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one warm service must never mix up: walks with different keys, users, and a service that dies
 * under a walk.
 */
class ProviderServiceIsolationTest {
    private static final Pattern LOG = Pattern.compile("(?m)^log: (.+)$");

    @TempDir
    Path scratch;

    @BeforeEach
    void onlyWithTheService() {
        assumeTrue(TerraformWorkspace.serviceEnabled(), "this class is about the service itself");
    }

    private static Simulator simulator(String key, Duration stepDelay) throws IOException {
        return Simulator.builder().port(0).apiKey(key).stepDelay(stepDelay)
                .log(new PrintStream(OutputStream.nullOutputStream())).build().start();
    }

    @Test
    void tenConcurrentPlansWithTenKeysEachReachOnlyTheirOwnApi() throws Exception {
        int walks = 10;
        List<Simulator> sims = new ArrayList<>();
        List<TerraformWorkspace> workspaces = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(walks);
        try {
            for (int i = 0; i < walks; i++) {
                String key = "key-" + i + "-" + UUID.randomUUID();
                keys.add(key);
                Simulator sim = simulator(key, Duration.ofMillis(50));
                sims.add(sim);
                workspaces.add(new TerraformWorkspace().hyperstack(sim.baseUrl(), key).config("""
                        data "hyperstack_instance" "web" {
                          name = "web-1"
                        }
                        data "hyperstack_instances" "all" {}
                        output "id" { value = data.hyperstack_instance.web.id }
                        """));
            }
            List<Future<CommandResult>> plans = new ArrayList<>();
            for (TerraformWorkspace tf : workspaces) {
                plans.add(pool.submit(() -> tf.run("plan")));
            }
            for (int i = 0; i < walks; i++) {
                CommandResult plan = plans.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(0, plan.exitCode(), plan.describe());
                assertTrue(plan.stdout().contains("id = \"1001\""), plan.describe());
                for (int j = 0; j < walks; j++) {
                    if (j != i) {
                        assertFalse(plan.stdout().contains(keys.get(j)) || plan.stderr().contains(keys.get(j)),
                                "walk " + i + " shows the key of walk " + j);
                    }
                }
            }
            for (Simulator sim : sims) {
                assertTrue(sim.stats().total() > 0, "every API was called");
                // Each simulator accepts only its own key: any request with another walk's key is a 401.
                assertEquals(0, sim.stats().countStatus(401), "a request with a foreign key: " + sim.stats());
            }
            String status = workspaces.get(0).launcher("service", "status").stdout();
            String log = group(LOG, status);
            Path logDir = Path.of(log).getParent();
            try (Stream<Path> files = Files.list(logDir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().startsWith("service-")).toList()) {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    for (String key : keys) {
                        assertFalse(text.contains(key), "the service's log " + file + " holds a key");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            workspaces.forEach(TerraformWorkspace::close);
            sims.forEach(Simulator::close);
        }
    }

    @Test
    void aServiceKilledDuringAnApplyFailsThatApplyClearlyAndTheNextOneWorks() throws Exception {
        try (Simulator sim = simulator("kill-key", Duration.ofSeconds(30));
                TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.hyperstack(sim.baseUrl(), "kill-key").env("TF_LOG_PROVIDER", "debug").config("""
                    resource "hyperstack_instance_power_state" "web" {
                      instance_id = "1001"
                      power_state = "stopped"
                    }
                    """);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CommandResult> apply = pool.submit(() -> tf.run("apply", "-auto-approve"));
                await(() -> sim.stats().count("GET", "/core/virtual-machines/{id}/stop") > 0,
                        "the apply asks for the stop and waits");
                long pid = Long.parseLong(group(PID, tf.launcher("service", "status").stdout()));
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
                CommandResult failed = apply.get(5, TimeUnit.MINUTES);
                assertEquals(1, failed.exitCode(), failed.describe());
                // Terraform's own words for a provider that died (which of its two wordings depends on
                // whether gRPC or the process exit reaches it first), and the launcher's line in the log.
                assertTrue(failed.stderr().contains("Plugin did not respond")
                        || failed.stderr().contains("ApplyResourceChange request was cancelled"), failed.describe());
                assertTrue(failed.stderr().contains("the provider service stopped during this session"),
                        failed.describe());
            } finally {
                pool.shutdownNow();
            }
            sim.stepDelay(Duration.ofMillis(50));
            CommandResult again = tf.apply();
            assertEquals(0, again.exitCode(), again.describe());
            assertEquals("stopped", tf.resource("hyperstack_instance_power_state.web").path("power_state").asText());
            long newPid = Long.parseLong(group(PID, tf.launcher("service", "status").stdout()));
            assertTrue(ProcessHandle.of(newPid).isPresent(), "a new service serves the next command");
        }
    }

    /**
     * Another user's process, even one that can reach the socket (root loosened the modes here), is
     * refused by the service from the kernel's word on who it is, and the launcher run as that user
     * will not use a directory it does not own.
     */
    @Test
    void aProcessOfAnotherUserCannotOpenASession() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a process as another uid");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // Everything the other user touches lies in the scratch folder (under the temp directory), which
        // it can enter; the build's own directory may lie where it cannot.
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = scratch.resolve("svc");
        try (Simulator sim = simulator("uid-key", Duration.ofMillis(50));
                TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.hyperstack(sim.baseUrl(), "uid-key").env("TF_HYPERSTACK_SERVICE_DIR", dir.toString())
                    .config("data \"hyperstack_instances\" \"all\" {}\n").ok("plan");
            String build = group(BUILD, tf.launcher("service", "status").stdout());
            Path socket = dir.resolve(build + ".sock");
            Path probe = Files.createDirectories(scratch.resolve("probe"));
            Files.writeString(probe.resolve("Probe.java"), PROBE_SOURCE);
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(probe.resolve("Probe.java"), PosixFilePermissions.fromString("rw-r--r--"));
            Path launcherCopy = probe.resolve("terraform-provider-hyperstack");
            Files.copy(TerraformWorkspace.providerDir().resolve("terraform-provider-hyperstack"), launcherCopy);
            Files.setPosixFilePermissions(launcherCopy, PosixFilePermissions.fromString("rwxr-xr-x"));
            var dirMode = Files.getPosixFilePermissions(dir);
            var socketMode = Files.getPosixFilePermissions(socket);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
                String java = ProcessHandle.current().info().command().orElse("java");
                Process process = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        java, "-Djava.io.tmpdir=" + probe, probe.resolve("Probe.java").toString(), socket.toString())
                        .redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(2, TimeUnit.MINUTES));
                assertTrue(out.contains("refused: the provider service serves only its own user"), out);

                ProcessBuilder asOther = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534",
                        "--clear-groups", launcherCopy.toString(), "service", "status").redirectErrorStream(true);
                asOther.environment().put("TF_HYPERSTACK_SERVICE_DIR", dir.toString());
                Process launcher = asOther.start();
                launcher.getOutputStream().close();
                String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(launcher.waitFor(1, TimeUnit.MINUTES));
                assertFalse(said.contains("build: " + build), "another user saw the service: " + said);
                assertTrue(said.contains(dir.toString()), "the launcher says which directory it refuses: " + said);
            } finally {
                Files.setPosixFilePermissions(dir, dirMode);
                Files.setPosixFilePermissions(socket, socketMode);
            }
            assertNotEquals("", group(PID, tf.launcher("service", "status").stdout()), "the service still serves its user");
            tf.launcher("service", "stop");
        }
    }

    /** A launcher of another user, reduced to what it says: a START frame, then whatever comes back. */
    private static final String PROBE_SOURCE = """
            import java.io.*;
            import java.net.*;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;

            public class Probe {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(args[0])))) {
                        ByteArrayOutputStream payload = new ByteArrayOutputStream();
                        DataOutputStream out = new DataOutputStream(payload);
                        out.writeInt(0); out.writeInt(0); out.writeInt(0);
                        ByteBuffer frame = ByteBuffer.allocate(5 + payload.size());
                        frame.put((byte) 'S').putInt(payload.size()).put(payload.toByteArray()).flip();
                        try {
                            channel.write(frame);
                        } catch (IOException refusedFirst) {
                            // the service may refuse (and close) before the request is even written
                        }
                        DataInputStream in = new DataInputStream(java.nio.channels.Channels.newInputStream(channel));
                        int type = in.read();
                        if (type < 0) { System.out.println("closed without an answer"); return; }
                        byte[] body = new byte[in.readInt()];
                        in.readFully(body);
                        System.out.println(((char) type == 'R' ? "refused: " : "answered " + (char) type + ": ")
                                + new String(body, StandardCharsets.UTF_8));
                    }
                }
            }
            """;
}
