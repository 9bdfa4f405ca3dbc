package io.tfhyperstack.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A directory where the real {@code terraform} binary runs against the built provider (the Go
 * launcher in {@code target/provider}, through dev_overrides), as a user's CI would run it.
 */
public final class TerraformWorkspace implements AutoCloseable {
    public static final String PROVIDER_SOURCE = "tfhyperstack/hyperstack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path cliConfig;
    private final Map<String, String> env = new HashMap<>();

    public TerraformWorkspace() {
        this(providerDir());
    }

    public TerraformWorkspace(Path providerDir) {
        try {
            dir = Files.createTempDirectory("tf-e2e-");
            cliConfig = dir.resolve("cli.tfrc");
            Files.writeString(cliConfig, "provider_installation {\n"
                    + "  dev_overrides {\n"
                    + "    \"registry.terraform.io/" + PROVIDER_SOURCE + "\" = \"" + providerDir.toAbsolutePath() + "\"\n"
                    + "  }\n"
                    + "  direct {}\n"
                    + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_INPUT", "0");
        env.putAll(serviceEnvironment());
    }

    /**
     * The variables that put a walk's provider service where the suite keeps its own (never in the
     * user's directory), or turn the service off for the suite's one-JVM-per-walk run. Tests that start
     * terraform or the launcher without a workspace add these too.
     */
    public static Map<String, String> serviceEnvironment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("TF_HYPERSTACK_SERVICE_DIR", serviceDir().toString());
        variables.put("TF_HYPERSTACK_SERVICE_IDLE", "120s");
        if (!serviceEnabled()) {
            variables.put("TF_HYPERSTACK_SERVICE", "off");
        }
        return variables;
    }

    /** Where the suite's provider services put their sockets (the build sets it; see pom.xml). */
    public static Path serviceDir() {
        return Paths.get(System.getProperty("service.dir",
                System.getProperty("java.io.tmpdir") + "/tfhyperstack-e2e-services")).toAbsolutePath();
    }

    /**
     * Whether walks go through the provider service, the default; the build runs a subset of the suite
     * again with {@code -Dprovider.service=off}, one JVM per walk.
     */
    public static boolean serviceEnabled() {
        return !"off".equals(System.getProperty("provider.service"));
    }

    /** The directory holding the launcher and the jar, as the build leaves them. */
    public static Path providerDir() {
        String dir = System.getProperty("provider.dir");
        Path path = dir != null ? Paths.get(dir) : Paths.get("target", "provider");
        if (!Files.isExecutable(path.resolve("terraform-provider-hyperstack"))) {
            throw new IllegalStateException("no built launcher in " + path.toAbsolutePath()
                    + "; run the tests with `mvn verify`, which builds it first");
        }
        return path;
    }

    public Path dir() {
        return dir;
    }

    public TerraformWorkspace env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The provider's configuration through the environment, as CI would set it. */
    public TerraformWorkspace hyperstack(String apiAddress, String apiKey) {
        env.put("HYPERSTACK_API_ADDRESS", apiAddress);
        env.put("HYPERSTACK_API_KEY", apiKey);
        return this;
    }

    /** Writes main.tf, with the required_providers block in front. */
    public TerraformWorkspace config(String hcl) {
        return file("main.tf", "terraform {\n  required_providers {\n    hyperstack = {\n      source = \""
                + PROVIDER_SOURCE + "\"\n    }\n  }\n}\n\n" + hcl);
    }

    public TerraformWorkspace file(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CommandResult run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        if (List.of("apply", "plan", "destroy", "refresh", "import", "validate").contains(args[0])) {
            command.add(2, "-no-color");
        }
        return execute(command);
    }

    /**
     * Starts terraform in the background with this workspace's environment, everything it writes going
     * to {@code log}: for a test that acts while it runs (e.g. interrupts it).
     */
    public Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Sends a background terraform SIGINT, as Ctrl-C would, and waits for it to end (an assertion error
     * with its output when it has not within {@code limit}); answers how many milliseconds that took.
     */
    public static long interrupt(Process terraform, Path log, Duration limit) throws IOException, InterruptedException {
        long interrupted = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(terraform.pid())).start().waitFor();
        if (!terraform.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("terraform did not end after the interrupt:\n" + Files.readString(log));
        }
        return (System.nanoTime() - interrupted) / 1_000_000;
    }

    /** Runs the built launcher itself with this workspace's environment, e.g. {@code service status}. */
    public CommandResult launcher(String... args) {
        return launcherAt(providerDir().resolve("terraform-provider-hyperstack"), args);
    }

    /** Runs another copy of the launcher (an installed release, say) with this workspace's environment. */
    public CommandResult launcherAt(Path executable, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return execute(command);
    }

    private CommandResult execute(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().putAll(env);
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            CommandResult result = new CommandResult(String.join(" ", command), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a command and fails the test, with everything terraform said, unless it exits 0. */
    public CommandResult ok(String... args) {
        CommandResult r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("expected success:\n" + r.describe());
        }
        return r;
    }

    public CommandResult apply(String... extra) {
        return ok(withArgs(new String[]{"apply", "-auto-approve"}, extra));
    }

    /** {@code terraform plan -detailed-exitcode}: 0 no changes, 2 changes, 1 error. */
    public CommandResult planDetailed(String... extra) {
        return run(withArgs(new String[]{"plan", "-detailed-exitcode"}, extra));
    }

    /** The state as {@code terraform show -json} gives it. */
    public JsonNode state() {
        CommandResult r = ok("show", "-json");
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("show -json gave no JSON:\n" + r.describe(), e);
        }
    }

    /** The attribute values of one resource or data source in state, by address. */
    public JsonNode resource(String address) {
        JsonNode root = state().path("values").path("root_module").path("resources");
        for (JsonNode r : root) {
            if (r.path("address").asText().equals(address)) {
                return r.path("values");
            }
        }
        throw new AssertionError("no " + address + " in state: " + root);
    }

    /** Whether the resource is in state and marked tainted. */
    public boolean tainted(String address) {
        for (JsonNode r : state().path("values").path("root_module").path("resources")) {
            if (r.path("address").asText().equals(address)) {
                return r.path("tainted").asBoolean(false);
            }
        }
        throw new AssertionError("no " + address + " in state");
    }

    public JsonNode outputs() {
        return state().path("values").path("outputs");
    }

    private static String[] withArgs(String[] base, String[] extra) {
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a test over
        }
    }
}
