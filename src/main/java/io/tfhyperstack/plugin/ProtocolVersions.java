package io.tfhyperstack.plugin;

/**
 * Picks the application protocol both sides speak. Terraform lists the major versions it can use in
 * PLUGIN_PROTOCOL_VERSIONS; this provider only speaks tfplugin6.
 */
final class ProtocolVersions {
    static final String VARIABLE = "PLUGIN_PROTOCOL_VERSIONS";
    static final int SUPPORTED = 6;

    private ProtocolVersions() {
    }

    /**
     * @param offered the variable's value, or null when unset (an old client that assumes the
     *     plugin's default; ours is 6)
     */
    static int negotiate(String offered) throws LaunchFailure {
        if (offered == null) {
            return SUPPORTED;
        }
        for (String part : offered.split(",")) {
            if (part.trim().equals(Integer.toString(SUPPORTED))) {
                return SUPPORTED;
            }
        }
        throw new LaunchFailure("This provider speaks plugin protocol " + SUPPORTED
                + " only, but the client offered " + VARIABLE + "=" + offered
                + ". Use Terraform 1.0 or later (or OpenTofu), which speak protocol 6.");
    }
}
