package io.tfhyperstack.framework.server;

/**
 * What the client (Terraform or OpenTofu) said it can handle. A client that says nothing, as clients
 * before the protocol had the field, can handle none of it.
 *
 * @param writeOnlyAttributesAllowed whether it sends write-only values and expects them back as null
 */
public record ClientCapabilities(boolean writeOnlyAttributesAllowed) {
    public static final ClientCapabilities NONE = new ClientCapabilities(false);
}
