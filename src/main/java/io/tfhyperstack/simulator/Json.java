package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper, and the API's two envelopes. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode ok(String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("status", true);
        o.put("message", message);
        return o;
    }

    static ObjectNode error(String message, String reason) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("status", false);
        o.put("message", message);
        o.put("error_reason", reason);
        return o;
    }
}
