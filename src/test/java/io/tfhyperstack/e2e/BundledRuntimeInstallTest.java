package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The linux_amd64 release on a machine with no Java anywhere: every terraform command runs in a mount
 * namespace of its own where an empty tmpfs lies over each Java installation directory, with JAVA_HOME
 * unset (so no java on PATH runs either). The zip installs from a filesystem mirror and the quickstart
 * configuration applies with the bundled runtime alone, through the provider service, whose JVM is the
 * bundled one, with the class-data archive made at build time.
 */
class BundledRuntimeInstallTest {
    private static final Pattern PID = Pattern.compile("(?m)^pid: (\\d+)$");

    @Test
    void theLinuxZipAppliesTheQuickstartWithNoJavaOnTheMachine() throws Exception {
        assumeTrue(ReleaseArchiveTest.runtimeExpected(), "the build's JDK is not a JDK 17 with jmods: no runtime");
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/unshare")), "needs unshare(1) for a private mount namespace");
        String version = ReleaseArchiveTest.version();
        String zipName = ReleaseArchiveTest.NAME + "_" + version + "_linux_amd64.zip";
        Path zip = ReleaseArchiveTest.releaseDir().resolve(zipName);
        Path mirror = Files.createTempDirectory("mirror");
        Path packed = Files.createDirectories(mirror.resolve("registry.terraform.io/tfhyperstack/hyperstack"));
        Files.copy(zip, packed.resolve(zipName));
        // Short, since it holds the service's socket.
        Path services = Files.createTempDirectory(Paths.get("/tmp"), "bundled");
        Files.setPosixFilePermissions(services, PosixFilePermissions.fromString("rwx------"));

        try (Simulator sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(100)).build().start();
             TerraformWorkspace tf = new TerraformWorkspace()) {
            Path wrappers = Files.createDirectory(tf.dir().resolve("no-java-bin"));
            writeNoJavaTerraform(wrappers.resolve("terraform"));
            tf.file("mirror.tfrc", "provider_installation {\n  filesystem_mirror {\n    path    = \""
                    + mirror.toAbsolutePath() + "\"\n    include = [\"registry.terraform.io/tfhyperstack/hyperstack\"]\n  }\n}\n");
            tf.env("TF_CLI_CONFIG_FILE", tf.dir().resolve("mirror.tfrc").toString())
                    .env("PATH", wrappers + ":" + System.getenv("PATH"))
                    .env("TF_HYPERSTACK_SERVICE_DIR", services.toString())
                    .env("TF_HYPERSTACK_SERVICE", "on")
                    .env("TF_HYPERSTACK_CDS_DIR", tf.dir().resolve("cache").toString())
                    // A JVM that cannot use the build-time archive (a jar whose time or path differs from the
                    // build's) refuses to start with this instead of running slowly without it.
                    .env("TF_HYPERSTACK_JAVA_OPTS", "-Xshare:on")
                    .hyperstack(sim.baseUrl(), sim.apiKey());
            tf.file("main.tf", Files.readString(Paths.get("examples/quickstart/main.tf")));

            CommandResult init = tf.ok("init", "-no-color");
            assertTrue(init.stdout().contains("Installed tfhyperstack/hyperstack v" + version), init.describe());

            CommandResult apply = tf.apply();
            assertFalse(apply.stderr().contains("cannot run"), apply.describe());
            assertEquals("running", tf.resource("hyperstack_instance_power_state.sleeper").path("power_state").asText());
            assertEquals(0, tf.planDetailed().exitCode());

            // The walks went through a provider service whose JVM is the bundled runtime.
            Path installed = tf.dir().resolve(".terraform/providers/registry.terraform.io/tfhyperstack/hyperstack/"
                    + version + "/linux_amd64");
            CommandResult status = tf.launcherAt(installed.resolve(ReleaseArchiveTest.NAME + "_v" + version),
                    "service", "status");
            Matcher pid = PID.matcher(status.stdout());
            assertTrue(pid.find(), "no service ran the walks:\n" + status.describe());
            Path exe = Paths.get("/proc", pid.group(1), "exe").toRealPath();
            assertEquals(installed.resolve("jre/bin/java").toRealPath(), exe);
            // With its build-time archive: one service for the whole run, the same command line each walk.
            String cmdline = Files.readString(Paths.get("/proc", pid.group(1), "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:SharedArchiveFile=" + installed.resolve("jre/lib/provider.jsa")), cmdline);
            assertTrue(cmdline.contains("-cp lib/" + ReleaseArchiveTest.NAME + ".jar "), cmdline);
            try (var sockets = Files.list(services)) {
                assertEquals(1, sockets.filter(p -> p.toString().endsWith(".sock")).count(),
                        "one build key for every walk, so one service");
            }
            // No first-run archive maker was needed: nothing in the user's cache.
            assertFalse(Files.exists(tf.dir().resolve("cache")) && hasArchive(tf.dir().resolve("cache")),
                    "an archive was made in the user's cache");
            tf.launcherAt(installed.resolve(ReleaseArchiveTest.NAME + "_v" + version), "service", "stop");
        }
    }

    private static boolean hasArchive(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".jsa"));
        }
    }

    /**
     * A terraform that runs the real one where no Java exists: a private mount namespace (as root, or
     * as root of a user namespace of its own) with a tmpfs over every Java installation directory.
     */
    private static void writeNoJavaTerraform(Path script) throws IOException {
        Set<String> javaDirs = new LinkedHashSet<>();
        if (Files.isDirectory(Paths.get("/usr/lib/jvm"))) {
            javaDirs.add("/usr/lib/jvm");
        }
        // The JDK running this test, wherever it was installed.
        Path home = Paths.get(System.getProperty("java.home")).toRealPath();
        if (!home.startsWith("/usr/lib/jvm")) {
            javaDirs.add(home.toString());
        }
        StringBuilder mounts = new StringBuilder();
        for (String dir : javaDirs) {
            mounts.append("mount -t tmpfs none '").append(dir).append("' && ");
        }
        String terraform = whichTerraform();
        Files.writeString(script, "#!/bin/sh\n"
                + "if [ \"$(id -u)\" = 0 ]; then flags=-m; else flags=-rm; fi\n"
                + "exec unshare $flags -- sh -c '" + mounts.toString().replace("'", "'\\''")
                + "unset JAVA_HOME; if java -version >/dev/null 2>&1; then echo \"java still runs\" >&2; exit 97; fi; "
                + "exec \"$0\" \"$@\"' '" + terraform + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String whichTerraform() {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Paths.get(dir, "terraform");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        throw new AssertionError("no terraform on PATH");
    }
}
