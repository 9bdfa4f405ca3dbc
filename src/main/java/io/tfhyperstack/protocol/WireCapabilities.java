package io.tfhyperstack.protocol;

import io.tfhyperstack.framework.server.ClientCapabilities;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6;

/** The client's capabilities from the wire; a request without them (a client older than 6.8) allows nothing. */
final class WireCapabilities {
    private WireCapabilities() {
    }

    static ClientCapabilities decode(boolean present, Tfplugin6.ClientCapabilities wire) {
        return present ? new ClientCapabilities(wire.getWriteOnlyAttributesAllowed()) : ClientCapabilities.NONE;
    }
}
