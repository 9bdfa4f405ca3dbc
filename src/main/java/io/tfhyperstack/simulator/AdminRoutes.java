package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

/**
 * Test and operator controls under {@code /_simulator}, outside the API: no api_key, no faults, not
 * counted in the stats. Bodies are JSON; a bad value answers 400 with the API's error envelope.
 */
final class AdminRoutes {
    private final Router<Call.Handler> router = new Router<>();

    AdminRoutes(Cloud cloud, Faults faults, RequestCounter counter) {
        router.add("GET", "/health", c -> Call.Answer.ok(Json.ok("simulator is running")))
                .add("GET", "/stats", c -> Call.Answer.ok(statsJson(counter.snapshot())))
                .add("POST", "/stats/reset", c -> {
                    counter.reset();
                    return Call.Answer.ok(Json.ok("stats reset"));
                })
                .add("GET", "/faults", c -> Call.Answer.ok(faults.toJson()))
                .add("POST", "/faults", c -> {
                    apply(faults, c.json());
                    return Call.Answer.ok(faults.toJson());
                })
                .add("POST", "/faults/reset", c -> {
                    faults.clear();
                    return Call.Answer.ok(faults.toJson());
                })
                .add("GET", "/step-delay", c -> Call.Answer.ok(stepDelayJson(cloud)))
                .add("POST", "/step-delay", c -> {
                    JsonNode body = c.json();
                    if (body == null || !body.has("step_delay")) {
                        throw ApiError.badRequest("body must be {\"step_delay\": \"200ms\"}");
                    }
                    cloud.stepDelay(duration(body.get("step_delay"), "step_delay"));
                    return Call.Answer.ok(stepDelayJson(cloud));
                });
    }

    Router<Call.Handler> router() {
        return router;
    }

    static ObjectNode statsJson(SimulatorStats stats) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("total", stats.total());
        ObjectNode requests = o.putObject("requests");
        for (Map.Entry<String, Long> e : stats.requests().entrySet()) {
            requests.put(e.getKey(), e.getValue());
        }
        ObjectNode statuses = o.putObject("statuses");
        for (Map.Entry<Integer, Long> e : stats.statuses().entrySet()) {
            statuses.put(String.valueOf(e.getKey()), e.getValue());
        }
        return o;
    }

    private static ObjectNode stepDelayJson(Cloud cloud) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("step_delay_ms", cloud.stepDelay().toMillis());
        return o;
    }

    /** Applies the knobs present in {@code body}; knobs it leaves out keep their values, a null turns one off. */
    private static void apply(Faults faults, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body must be a JSON object of fault knobs");
        }
        try {
            if (body.has("random_seed")) {
                faults.randomSeed(body.get("random_seed").asLong());
            }
            if (body.has("rate_limit")) {
                int limit = body.get("rate_limit").isNull() ? 0 : intValue(body.get("rate_limit"), "rate_limit");
                if (body.hasNonNull("rate_limit_window")) {
                    faults.rateLimit(limit, duration(body.get("rate_limit_window"), "rate_limit_window"));
                } else {
                    faults.rateLimit(limit);
                }
            }
            if (body.has("error_rate")) {
                JsonNode r = body.get("error_rate");
                if (!r.isNull() && !r.isNumber()) {
                    throw ApiError.badRequest("error_rate must be a number from 0.0 to 1.0");
                }
                faults.errorRate(r.isNull() ? 0.0 : r.asDouble());
            }
            if (body.has("latency")) {
                JsonNode l = body.get("latency");
                faults.latency(l.isNull() ? Duration.ZERO : duration(l, "latency"));
            }
            if (body.has("retry_after")) {
                JsonNode r = body.get("retry_after");
                faults.retryAfter(r.isNull() ? null : duration(r, "retry_after"));
            }
            if (body.has("error_on_create_names")) {
                JsonNode r = body.get("error_on_create_names");
                faults.errorOnCreateNames(r.isNull() ? null : r.asText());
            }
            if (body.has("fail_next")) {
                JsonNode rules = body.get("fail_next");
                if (!rules.isArray()) {
                    throw ApiError.badRequest("fail_next must be a list of {method, path, count, status}");
                }
                for (JsonNode r : rules) {
                    faults.failNext(r.path("method").asText("*"), r.path("path").asText(null),
                            r.path("count").asInt(1), r.path("status").asInt(500));
                }
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static int intValue(JsonNode n, String name) {
        if (!n.isIntegralNumber()) {
            throw ApiError.badRequest(name + " must be an integer");
        }
        return n.intValue();
    }

    /** A duration as text ({@code "200ms"}, {@code "1s"}) or as a number of milliseconds. */
    private static Duration duration(JsonNode n, String name) {
        if (n.isNumber()) {
            return Duration.ofMillis(n.asLong());
        }
        try {
            return Durations.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(name + ": " + e.getMessage());
        }
    }
}
