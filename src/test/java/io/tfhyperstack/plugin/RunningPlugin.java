package io.tfhyperstack.plugin;

import io.grpc.BindableService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A plugin started in this JVM the way Terraform starts one: its environment, its two streams. */
@SuppressWarnings("try") // close() may throw InterruptedException; here that only fails the test
final class RunningPlugin implements AutoCloseable {
    final FirstLineCapture stdout = new FirstLineCapture();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    private RunningPlugin(Map<String, String> variables, Supplier<List<BindableService>> services, String... args) {
        PluginEnvironment environment = PluginEnvironment.of(variables,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Thread thread = new Thread(() -> exitCode.complete(PluginMain.run(args, services, environment)),
                "plugin-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    static RunningPlugin start(Map<String, String> variables, String... args) {
        return new RunningPlugin(variables, List::of, args);
    }

    static RunningPlugin start(Map<String, String> variables, Supplier<List<BindableService>> services) {
        return new RunningPlugin(variables, services);
    }

    String handshake() throws InterruptedException {
        String line = stdout.awaitFirstLine(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no handshake line; stderr: " + stderrText());
        }
        return line;
    }

    int exitCode() throws Exception {
        return exitCode.get(30, TimeUnit.SECONDS);
    }

    String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        // A test that failed half-way must not leave a server behind for the next one.
        if (!exitCode.isDone() && stdout.awaitFirstLine(0, TimeUnit.SECONDS) != null) {
            try (LocalPluginClient client = LocalPluginClient.connect(handshake(), TestIdentities.TERRAFORM)) {
                client.shutdownPlugin();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
