package io.tfhyperstack.plugin;

import io.tfhyperstack.util.JsonStrings;

/**
 * Debug mode's instructions: the provider runs under a debugger or a person's control, and Terraform
 * attaches to it through TF_REATTACH_PROVIDERS instead of starting its own copy.
 */
final class DebugReattach {
    static final String PROVIDER_ADDRESS = "registry.terraform.io/tfhyperstack/hyperstack";

    private DebugReattach() {
    }

    /** The JSON value of TF_REATTACH_PROVIDERS for this process. */
    static String reattachJson(ListenAddress address, long pid, int protocol) {
        StringBuilder json = new StringBuilder("{");
        JsonStrings.quote(json, PROVIDER_ADDRESS);
        json.append(":{\"Protocol\":\"grpc\",\"ProtocolVersion\":").append(protocol)
                .append(",\"Pid\":").append(pid)
                .append(",\"Test\":true,\"Addr\":{\"Network\":");
        JsonStrings.quote(json, address.network());
        json.append(",\"String\":");
        JsonStrings.quote(json, address.address());
        return json.append("}}}").toString();
    }

    static String instructions(ListenAddress address, long pid, int protocol) {
        String value = reattachJson(address, pid, protocol).replace("'", "'\\''");
        return String.join(System.lineSeparator(),
                "Provider " + PROVIDER_ADDRESS + " is running in debug mode (plaintext, pid " + pid + ").",
                "In the shell where you run Terraform, set:",
                "",
                "    export TF_REATTACH_PROVIDERS='" + value + "'",
                "",
                "Terraform will then use this process instead of starting one. Stop it with Ctrl-C.",
                "");
    }
}
