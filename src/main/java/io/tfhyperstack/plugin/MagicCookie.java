package io.tfhyperstack.plugin;

/**
 * The shared secret go-plugin uses to tell "started by Terraform" from "started by a person". It is not
 * security; it only keeps a human from staring at a silent process that waits for a gRPC client.
 */
final class MagicCookie {
    static final String NAME = "TF_PLUGIN_MAGIC_COOKIE";
    static final String VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private MagicCookie() {
    }

    static boolean isPresent(PluginEnvironment environment) {
        return VALUE.equals(environment.variable(NAME));
    }

    static String explanation() {
        return String.join(System.lineSeparator(),
                "This binary is a plugin for Terraform (and OpenTofu): the HyperStack provider.",
                "It is meant to be started by Terraform, not run directly.",
                "",
                "To use a locally built copy, point Terraform at the directory that holds it, either with",
                "dev_overrides in a CLI config file named by TF_CLI_CONFIG_FILE:",
                "",
                "  provider_installation {",
                "    dev_overrides {",
                "      \"registry.terraform.io/tfhyperstack/hyperstack\" = \"/path/to/this/directory\"",
                "    }",
                "    direct {}",
                "  }",
                "",
                "or by installing it into a plugin directory (terraform init -plugin-dir=...).",
                "To debug it, run it with --debug and export the TF_REATTACH_PROVIDERS value it prints.",
                "");
    }
}
