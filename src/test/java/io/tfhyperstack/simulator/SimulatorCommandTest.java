package io.tfhyperstack.simulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: flags, the first stdout line, stopping, and a real process stopped by SIGTERM. */
@SuppressWarnings("try") // close() may throw InterruptedException; here that only fails the test
class SimulatorCommandTest {
    private static final class Running implements AutoCloseable {
        final CompletableFuture<Void> stop = new CompletableFuture<>();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final BufferedReader out;
        final Future<Integer> exit;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        Running(String... args) throws Exception {
            PipedInputStream pipeIn = new PipedInputStream(64 * 1024);
            PrintStream stdout = new PrintStream(new PipedOutputStream(pipeIn), true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(pipeIn, StandardCharsets.UTF_8));
            exit = thread.submit(() -> {
                try {
                    return SimulatorCommand.run(args, stdout, stderr, stop);
                } finally {
                    stdout.close();
                }
            });
        }

        @Override
        public void close() throws Exception {
            stop.complete(null);
            exit.get(30, TimeUnit.SECONDS);
            thread.shutdownNow();
        }
    }

    @Test
    void firstStdoutLineIsTheBaseUrlAndTheServerAnswersThere() throws Exception {
        try (Running r = new Running("--port", "0", "--step-delay", "50ms", "--api-key", "k1")) {
            String first = r.out.readLine();
            assertTrue(first.matches("http://127\\.0\\.0\\.1:\\d+/v1"), first);
            assertTrue(!first.endsWith(":0/v1"), "a real port, not 0");
            ApiClient api = new ApiClient(first, "k1");
            assertEquals(200, api.get("/core/virtual-machines").status());
            assertEquals(401, api.withKey(Simulator.DEFAULT_API_KEY).get("/core/virtual-machines").status());
            r.stop.complete(null);
            assertEquals(0, r.exit.get(30, TimeUnit.SECONDS));
            String log = r.err.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("GET /v1/core/virtual-machines -> 200"), log);
        }
    }

    @Test
    void flagsReachTheSimulator() throws Exception {
        try (Running r = new Running("simulator", "--port=0", "--rate-limit", "2/min", "--instances", "12", "--quiet",
                "--error-on-create-names", "^x", "--latency", "0", "--error-rate", "0")) {
            ApiClient api = new ApiClient(r.out.readLine(), Simulator.DEFAULT_API_KEY);
            assertEquals(19, api.get("/core/virtual-machines").body().get("count").asInt(), "7 seeded + 12 synthetic");
            assertEquals(200, api.get("/core/virtual-machines").status());
            assertEquals(429, api.get("/core/virtual-machines").status());
            assertEquals("", r.err.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("->")).findFirst().orElse(""), "--quiet logs no requests");
        }
    }

    @Test
    void seedFileReplacesTheDefaultFleet(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"environments\": [{\"id\": 5, \"name\": \"only\", \"region\": \"CANADA-1\"}],"
                + "\"keypairs\": [{\"id\": 6, \"name\": \"k\", \"environment\": \"only\"}],"
                + "\"flavors\": [{\"id\": 7, \"name\": \"f\", \"regions\": [\"CANADA-1\"]}],"
                + "\"instances\": [{\"id\": 42, \"name\": \"solo\", \"environment\": \"only\", \"flavor\": \"f\","
                + "\"key\": \"k\", \"status\": \"SHUTOFF\"}]}");
        try (Running r = new Running("--port", "0", "--seed", seed.toString(), "--quiet")) {
            ApiClient api = new ApiClient(r.out.readLine(), Simulator.DEFAULT_API_KEY);
            assertEquals(1, api.get("/core/virtual-machines").body().get("count").asInt());
            assertEquals("SHUTOFF", api.status(42));
            // new ids start at next_instance_id (default 1001) or after the highest seeded id, whichever is higher
            assertEquals(1001, api.post("/core/virtual-machines", java.util.Map.of("name", "n", "environment_name", "only",
                    "flavor_name", "f", "key_name", "k", "count", 1)).body().get("instances").get(0).get("id").asLong());
        }
    }

    @Test
    void helpPrintsUsageAndBadFlagsExit2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, SimulatorCommand.run(new String[] {"--help"}, o, e, new CompletableFuture<>()));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("--api-key KEY") && usage.contains(Simulator.DEFAULT_API_KEY), usage);
        for (List<String> bad : List.of(List.of("--bogus"), List.of("--port"), List.of("--port", "x"),
                List.of("--step-delay", "fast"), List.of("--error-rate", "2"), List.of("--rate-limit", "5/hour"),
                List.of("--seed", "/no/such/seed.json"), List.of("--error-on-create-names", "("))) {
            assertEquals(2, SimulatorCommand.run(bad.toArray(new String[0]), o, e, new CompletableFuture<>()), bad.toString());
        }
    }

    @Test
    void aRealProcessPrintsTheUrlAndExitsZeroOnSigterm() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SimulatorCommand.class.getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.matches("http://127\\.0\\.0\\.1:\\d+/v1"), String.valueOf(first));
            assertEquals(200, new ApiClient(first, Simulator.DEFAULT_API_KEY).get("/core/environments").status());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
