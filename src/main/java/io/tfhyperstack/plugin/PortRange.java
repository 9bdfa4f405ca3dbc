package io.tfhyperstack.plugin;

/** The TCP ports the client allows, used only where unix sockets are not available. */
public record PortRange(int min, int max) {
    public static final PortRange GO_PLUGIN_DEFAULT = new PortRange(10000, 25000);

    public PortRange {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad port range " + min + ".." + max);
        }
    }

    static PortRange from(PluginEnvironment environment) throws LaunchFailure {
        int min = port(environment, "PLUGIN_MIN_PORT", GO_PLUGIN_DEFAULT.min());
        int max = port(environment, "PLUGIN_MAX_PORT", GO_PLUGIN_DEFAULT.max());
        try {
            return new PortRange(min, max);
        } catch (IllegalArgumentException e) {
            throw new LaunchFailure("PLUGIN_MIN_PORT/PLUGIN_MAX_PORT do not form a port range: " + min + ".." + max);
        }
    }

    private static int port(PluginEnvironment environment, String name, int fallback) throws LaunchFailure {
        String value = environment.variable(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LaunchFailure(name + " is not a port number: " + value);
        }
    }
}
