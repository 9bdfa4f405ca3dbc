package io.tfhyperstack.plugin;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What the plugin reads from and writes to the outside world. Terraform talks to the plugin only through
 * environment variables and the first stdout line, so making these three things a value lets the whole
 * handshake run inside a test without touching the real process streams.
 *
 * @param variables the environment, as Terraform set it
 * @param stdout where the handshake line goes
 * @param stderr where human messages and logs go
 * @param processStreams true when stdout/stderr are the JVM's own, so {@code System.out} must be
 *     redirected after the handshake and process-wide signal handling applies
 */
public record PluginEnvironment(
        Map<String, String> variables, PrintStream stdout, PrintStream stderr, boolean processStreams) {

    public PluginEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** The real process: its environment and its standard streams. */
    public static PluginEnvironment ofProcess() {
        return new PluginEnvironment(System.getenv(), System.out, System.err, true);
    }

    /** A test or embedded run: nothing process-wide is changed. */
    public static PluginEnvironment of(Map<String, String> variables, PrintStream stdout, PrintStream stderr) {
        return new PluginEnvironment(variables, stdout, stderr, false);
    }

    /** The variable's value, or null when it is unset or empty (go-plugin treats both alike). */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
