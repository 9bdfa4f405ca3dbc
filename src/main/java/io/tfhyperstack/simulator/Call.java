package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the route handlers see it, and the answer they give. */
final class Call {
    /** {@code retryAfterSeconds} is sent as a Retry-After header when not null. */
    record Answer(int status, JsonNode body, Long retryAfterSeconds) {
        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    interface Handler {
        Answer handle(Call call);
    }

    final String method;
    /** Relative to the API base, e.g. {@code /core/virtual-machines/1001}. */
    final String path;
    final Map<String, String> query;
    final Map<String, String> params;
    private final byte[] body;

    Call(String method, String path, String rawQuery, Map<String, String> params, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.params = params;
        this.body = body;
    }

    /** The body as JSON; null when empty. A body that is not JSON answers 400. */
    JsonNode json() {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("Request body is not valid JSON");
        }
    }

    String param(String name) {
        return params.get(name);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
