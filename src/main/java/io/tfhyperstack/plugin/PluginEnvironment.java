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
 * @param host what the plugin may change beyond itself
 */
public record PluginEnvironment(
        Map<String, String> variables, PrintStream stdout, PrintStream stderr, Host host) {

    /** Who else lives in the JVM, and so what a plugin run may change process-wide. */
    public enum Host {
        /** The JVM is this plugin: stdout is redirected after the handshake, SIGINT is ignored, logging is ours. */
        PROCESS,
        /** A test runs the plugin inside its own JVM: the plugin installs logging and touches nothing else. */
        EMBEDDED,
        /**
         * One session of the provider service, beside others: logging belongs to the service, which routes
         * each session's lines to its own stream, and nothing process-wide may change.
         */
        SERVICE_SESSION
    }

    public PluginEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(host, "host");
    }

    /** The real process: its environment and its standard streams. */
    public static PluginEnvironment ofProcess() {
        return new PluginEnvironment(System.getenv(), System.out, System.err, Host.PROCESS);
    }

    /** A test or embedded run: nothing process-wide is changed but the logging. */
    public static PluginEnvironment of(Map<String, String> variables, PrintStream stdout, PrintStream stderr) {
        return new PluginEnvironment(variables, stdout, stderr, Host.EMBEDDED);
    }

    /** A session of the provider service: the walk's environment, its launcher's two streams. */
    public static PluginEnvironment forSession(Map<String, String> variables, PrintStream stdout, PrintStream stderr) {
        return new PluginEnvironment(variables, stdout, stderr, Host.SERVICE_SESSION);
    }

    /** Whether stdout and stderr are the JVM's own, so that process-wide stream and signal handling applies. */
    public boolean processStreams() {
        return host == Host.PROCESS;
    }

    /** Whether the plugin installs its own logging; a service session's logging is the service's. */
    public boolean installsLogging() {
        return host != Host.SERVICE_SESSION;
    }

    /** The variable's value, or null when it is unset or empty (go-plugin treats both alike). */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
