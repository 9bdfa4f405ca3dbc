package io.tfhyperstack.plugin;

/**
 * A provider service that must hear when its plugin life ends. In a process of its own, the end of the
 * process ends every call; in the provider service a session's calls would outlive it (an apply's wait
 * polling the API with the session's key), so the service is told, and stops its work in flight.
 */
public interface EndsWithPlugin {
    /** Called once, when the plugin shuts down for whatever reason; must not block. */
    void pluginEnded();
}
