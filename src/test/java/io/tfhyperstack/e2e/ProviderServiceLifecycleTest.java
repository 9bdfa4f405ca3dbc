package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SimulatorWorkspaceTest;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider service's life as users meet it, through the real terraform and the built launcher:
 * walks go through one warm service, which stops when asked, when idle, when its jar is replaced,
 * and never keeps a walk from running when it cannot be used.
 */
class ProviderServiceLifecycleTest extends SimulatorWorkspaceTest {
    static final Pattern PID = Pattern.compile("(?m)^pid: (\\d+)$");
    static final Pattern BUILD = Pattern.compile("(?m)^build: ([0-9a-f]{16})$");
    /** The launcher's debug line when it starts a service. */
    static final Pattern STARTED = Pattern.compile("started the provider service \\(pid (\\d+)\\)");
    private static final Pattern SERVED = Pattern.compile("(?m)^sessions: (\\d+) live, (\\d+) served$");
    private static final String LOOKUP = """
            data "hyperstack_instance" "web" {
              name = "web-1"
            }
            output "id" { value = data.hyperstack_instance.web.id }
            """;

    @TempDir
    Path scratch;

    @BeforeEach
    void onlyWithTheService() {
        assumeTrue(TerraformWorkspace.serviceEnabled(), "this class is about the service itself");
    }

    @Test
    void everyWalkOfAPlanIsASessionOfOneWarmService() {
        tf.config(LOOKUP);
        tf.ok("plan");
        String before = tf.launcher("service", "status").stdout();
        long servedBefore = served(before);
        String pid = group(PID, before);
        tf.ok("plan");
        String after = tf.launcher("service", "status").stdout();
        assertEquals(pid, group(PID, after), "the same service served both plans:\n" + before + "\n" + after);
        assertTrue(served(after) >= servedBefore + 3, "a plan is at least three walks:\n" + before + "\n" + after);
    }

    @Test
    void stopEndsTheServiceAndStatusThenSaysNoneIsRunning() {
        Path dir = shortDirectory("stop");
        tf.env("TF_HYPERSTACK_SERVICE_DIR", dir.toString()).config(LOOKUP);
        tf.ok("plan");
        CommandResult status = tf.launcher("service", "status");
        assertEquals(0, status.exitCode(), status.describe());
        long pid = Long.parseLong(group(PID, status.stdout()));
        CommandResult stop = tf.launcher("service", "stop");
        assertEquals(0, stop.exitCode(), stop.describe());
        assertTrue(stop.stdout().contains("stopped"), stop.describe());
        assertTrue(sockets(dir).isEmpty(), "no socket is left: " + sockets(dir));
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "the service process exits");
        CommandResult none = tf.launcher("service", "status");
        assertTrue(none.stdout().contains("no provider service is running"), none.describe());
    }

    @Test
    void theIdleTimeoutEndsTheService() {
        Path dir = shortDirectory("idle");
        tf.env("TF_HYPERSTACK_SERVICE_DIR", dir.toString()).env("TF_HYPERSTACK_SERVICE_IDLE", "2s")
                .env("TF_LOG_PROVIDER", "debug").config(LOOKUP);
        CommandResult plan = tf.ok("plan");
        long pid = Long.parseLong(group(STARTED, plan.stderr()));
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "the idle service exits");
        assertTrue(sockets(dir).isEmpty(), "the idle service removed its socket: " + sockets(dir));
        CommandResult none = tf.launcher("service", "status");
        assertTrue(none.stdout().contains("no provider service is running"), none.describe());
    }

    @Test
    void replacingTheJarMakesTheNextWalkUseANewService() throws IOException {
        Path provider = copyOfTheProvider();
        Path dir = shortDirectory("jar");
        try (TerraformWorkspace copy = new TerraformWorkspace(provider)) {
            copy.hyperstack(sim.baseUrl(), sim.apiKey()).env("TF_HYPERSTACK_SERVICE_DIR", dir.toString())
                    .env("TF_HYPERSTACK_NO_CDS_ARCHIVE", "1").config(LOOKUP);
            copy.ok("plan");
            String first = group(BUILD, copy.launcher("service", "status").stdout());
            Path jar = provider.resolve("terraform-provider-hyperstack.jar");
            Files.copy(TerraformWorkspace.providerDir().resolve("terraform-provider-hyperstack.jar"), jar,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            copy.ok("plan");
            await(() -> !Files.exists(dir.resolve(first + ".sock")), "the old build's service leaves");
            String second = group(BUILD, copy.launcher("service", "status").stdout());
            assertNotEquals(first, second, "a new jar is a new build");
            copy.launcher("service", "stop");
        }
    }

    @Test
    void turnedOffEveryWalkRunsInItsOwnJvmAndNoServiceStarts() {
        Path dir = shortDirectory("off");
        tf.env("TF_HYPERSTACK_SERVICE_DIR", dir.toString()).env("TF_HYPERSTACK_SERVICE", "off").config(LOOKUP);
        CommandResult plan = tf.ok("plan");
        assertTrue(plan.stdout().contains("id = \"1001\""), plan.describe());
        assertTrue(sockets(dir).isEmpty(), "no service was started: " + sockets(dir));
    }

    @Test
    void aDirectoryOthersCanEnterIsNotUsedAndTheWalkStillRuns() throws IOException {
        Path dir = shortDirectory("open");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        tf.env("TF_HYPERSTACK_SERVICE_DIR", dir.toString()).env("TF_LOG_PROVIDER", "debug").config(LOOKUP);
        CommandResult plan = tf.ok("plan");
        assertTrue(plan.stdout().contains("id = \"1001\""), plan.describe());
        assertTrue(sockets(dir).isEmpty(), "no service in a directory others can enter: " + sockets(dir));
        assertTrue(plan.stderr().contains(dir.toString()), "a debug line names the directory:\n" + plan.stderr());
    }

    /** A directory under the scratch folder whose socket paths stay well inside the unix limit. */
    private Path shortDirectory(String name) {
        return scratch.resolve(name);
    }

    private Path copyOfTheProvider() throws IOException {
        Path copy = Files.createDirectories(scratch.resolve("provider"));
        for (String file : List.of("terraform-provider-hyperstack", "terraform-provider-hyperstack.jar")) {
            Files.copy(TerraformWorkspace.providerDir().resolve(file), copy.resolve(file),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    static List<Path> sockets(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sock")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " in:\n" + text);
        return m.group(1);
    }

    private static long served(String status) {
        Matcher m = SERVED.matcher(status);
        assertTrue(m.find(), status);
        return Long.parseLong(m.group(2));
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 60 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
