package io.tfhyperstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/acceptance}, the scenarios a HyperStack account holder runs, run here against the
 * simulator through the same script and the public API only: that they pass, that they refuse to run
 * without an explicit opt-in, that an interrupted run deletes what it made, and that the sweeper
 * deletes only old test instances.
 */
class AcceptanceScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("scripts/acceptance");
    private static final Duration QUICK_STEPS = Duration.ofMillis(50);

    private Simulator sim;

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theScenariosPassAgainstTheSimulatorAndLeaveNothingBehind() throws Exception {
        start(Simulator.builder().stepDelay(QUICK_STEPS));
        Result r = run(accEnvironment(), List.of());

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("this run creates real instances, which cost money"), r.output());
        assertTrue(r.output().contains("13 passed, 0 failed, 0 skipped"), r.output());
        assertTrue(r.output().contains("PASS hibernate, keeping the public IP"), r.output());
        assertTrue(r.output().contains("PASS import with no change"), r.output());
        assertEquals(List.of(), testInstanceNames(), "instances left behind");
    }

    @Test
    void hibernationIsSkippedWithALineWhenTheFlavorCannotHibernate() throws Exception {
        start(Simulator.builder().stepDelay(QUICK_STEPS));
        Map<String, String> env = accEnvironment();
        env.put("HYPERSTACK_ACC_FLAVOR", "n1-cpu-small");
        Result r = run(env, List.of("power"));

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("hibernation steps skipped: the API says flavor n1-cpu-small cannot hibernate"),
                r.output());
        assertTrue(r.output().contains("SKIP hibernate, keeping the public IP"), r.output());
        assertTrue(r.output().contains("PASS destroy"), r.output());
        assertEquals(List.of(), testInstanceNames(), "instances left behind");
    }

    @Test
    void refusesWithoutTfAccAndWithoutAnEnvironment() throws Exception {
        start(Simulator.builder().stepDelay(QUICK_STEPS));
        Map<String, String> withoutOptIn = accEnvironment();
        withoutOptIn.remove("TF_ACC");
        Result r = run(withoutOptIn, List.of());
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("refusing to run") && r.output().contains("TF_ACC=1"), r.output());

        Map<String, String> withoutEnvironment = accEnvironment();
        withoutEnvironment.remove("HYPERSTACK_ACC_ENVIRONMENT");
        r = run(withoutEnvironment, List.of());
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("refusing to run: HYPERSTACK_ACC_ENVIRONMENT"), r.output());

        assertEquals(0, sim.stats().total(), "the API was called");
    }

    @Test
    void anInterruptedRunDeletesTheInstanceItWasCreating() throws Exception {
        // slow status changes, so that the interrupt lands while terraform waits for the create
        start(Simulator.builder().stepDelay(Duration.ofSeconds(2)));
        Path log = Files.createTempFile("acceptance", ".log");
        Process p = start(accEnvironment(), List.of("lifecycle"), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (testInstanceNames().isEmpty()) {
                assertTrue(System.nanoTime() < deadline && p.isAlive(), "no instance was created: " + read(log));
                Thread.sleep(200);
            }
            p.destroy(); // SIGTERM, as a CI job's timeout sends
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the interrupted run did not end: " + read(log));
        } finally {
            p.destroyForcibly();
        }
        String out = read(log);
        assertEquals(130, p.exitValue(), out);
        assertTrue(out.contains("interrupted: deleting what this run created"), out);
        assertEquals(List.of(), testInstanceNames(), "instances left behind: " + out);
    }

    @Test
    void theSweeperDeletesOnlyPrefixedInstancesOlderThanTheAge() throws Exception {
        String fresh = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        String old = "2026-01-01T00:00:00";
        start(Simulator.builder().stepDelay(QUICK_STEPS).seedJson(seedWith(
                instance("tfacc-0101000000-aaaa-lifecycle", "demo-canada", "ACTIVE", old),
                instance("tfacc-0101000000-aaaa-power", "demo-norway", "HIBERNATED", old),
                instance("tfacc-0101000000-bbbb-power", "demo-canada", "ACTIVE", fresh),
                instance("production-tfacc-db", "demo-canada", "ACTIVE", old),
                instance("tfaccount", "demo-canada", "SHUTOFF", old),
                instance("tfacc-0101000000-cccc-power", "demo-canada", "ACTIVE", "last Tuesday"))));
        List<String> before = allInstanceNames();

        Map<String, String> env = accEnvironment();
        env.remove("TF_ACC");
        env.remove("HYPERSTACK_ACC_ENVIRONMENT");
        Result r = run(env, List.of("--sweep", "--older-than", "2h"));

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("deleting 2 instance(s) named tfacc-* older than 2h"), r.output());
        assertTrue(r.output().contains("tfacc-0101000000-aaaa-lifecycle"), r.output());
        assertTrue(r.output().contains("tfacc-0101000000-aaaa-power"), r.output());
        assertTrue(r.output().contains("deleted 2 instance(s)"), r.output());
        assertFalse(r.output().contains("bbbb"), r.output());
        assertTrue(r.output().contains("left alone, since the API gives no readable creation time:\n"
                + "  1013  tfacc-0101000000-cccc-power  created_at: last Tuesday"), r.output());
        List<String> expected = new ArrayList<>(before);
        expected.remove("tfacc-0101000000-aaaa-lifecycle");
        expected.remove("tfacc-0101000000-aaaa-power");
        assertEquals(expected, allInstanceNames());

        // a second sweep finds nothing more to do
        r = run(env, List.of("--sweep"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("no instance named tfacc-* older than 2h"), r.output());
        assertEquals(expected, allInstanceNames());
    }

    // ------------------------------------------------------------------ helpers

    private void start(Simulator.Builder builder) throws IOException {
        sim = builder.port(0).log(new PrintStream(OutputStream.nullOutputStream())).build().start();
    }

    private Map<String, String> accEnvironment() {
        Map<String, String> env = new HashMap<>(TerraformWorkspace.serviceEnvironment());
        env.put("TF_ACC", "1");
        env.put("HYPERSTACK_API_ADDRESS", sim.baseUrl());
        env.put("HYPERSTACK_API_KEY", sim.apiKey());
        env.put("HYPERSTACK_ACC_ENVIRONMENT", "demo-canada");
        env.put("HYPERSTACK_ACC_KEY_NAME", "demo-key");
        env.put("HYPERSTACK_ACC_PROVIDER_DIR", TerraformWorkspace.providerDir().toAbsolutePath().toString());
        return env;
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> env, List<String> args) throws Exception {
        Path log = Files.createTempFile("acceptance", ".log");
        Process p = start(env, args, log);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "scripts/acceptance did not finish in 10 minutes: " + read(log));
        return new Result(p.exitValue(), read(log));
    }

    private static Process start(Map<String, String> env, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // only what the test names: no TF_ACC or HyperStack settings of the machine running the suite
        pb.environment().keySet().removeIf(k -> k.startsWith("HYPERSTACK_") || k.startsWith("TF_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private List<String> testInstanceNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (String n : allInstanceNames()) {
            if (n.startsWith("tfacc-")) {
                names.add(n);
            }
        }
        return names;
    }

    /** Every instance's name, in the API's order, through the public API. */
    private List<String> allInstanceNames() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/core/virtual-machines?pageSize=100"))
                .header("api_key", sim.apiKey()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> names = new ArrayList<>();
        for (JsonNode vm : JSON.readTree(response.body()).path("instances")) {
            names.add(vm.path("name").asText());
        }
        return names;
    }

    private static ObjectNode instance(String name, String environment, String status, String createdAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("environment", environment);
        o.put("flavor", "n3-RTX-A6000x1");
        o.put("image", "Ubuntu Server 22.04 LTS");
        o.put("key", "demo-key");
        o.put("status", status);
        o.put("created_at", createdAt);
        return o;
    }

    /** The simulator's default account with these instances added. */
    private static String seedWith(ObjectNode... instances) throws IOException {
        try (InputStream in = Simulator.class.getResourceAsStream("/simulator/default-seed.json")) {
            ObjectNode seed = (ObjectNode) JSON.readTree(in);
            ArrayNode list = (ArrayNode) seed.get("instances");
            for (ObjectNode i : instances) {
                list.add(i);
            }
            return JSON.writeValueAsString(seed);
        }
    }
}
