package io.tfhyperstack.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what the simulator's API has been asked since start or the last reset. Requests are
 * keyed by method and route template relative to {@code /v1}, e.g. {@code "GET /core/virtual-machines/{id}"};
 * a path that fits no route counts as {@code "GET (unmatched)"}. Faulted answers (429, injected 5xx)
 * count too: the client did send them.
 */
public final class SimulatorStats {
    private final long total;
    private final Map<String, Long> requests;
    private final Map<Integer, Long> statuses;

    SimulatorStats(long total, Map<String, Long> requests, Map<Integer, Long> statuses) {
        this.total = total;
        this.requests = Collections.unmodifiableMap(new TreeMap<>(requests));
        this.statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
    }

    /** Every API request received. */
    public long total() {
        return total;
    }

    /** Requests by {@code "METHOD /template"}. */
    public Map<String, Long> requests() {
        return requests;
    }

    /** Requests answered with each HTTP status. */
    public Map<Integer, Long> statuses() {
        return statuses;
    }

    /** Requests to one route, e.g. {@code count("GET", "/core/virtual-machines/{id}")}; 0 when none. */
    public long count(String method, String template) {
        return requests.getOrDefault(method + " " + template, 0L);
    }

    /** Requests answered with {@code status}; 0 when none. */
    public long countStatus(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    @Override
    public String toString() {
        return "SimulatorStats{total=" + total + ", requests=" + requests + ", statuses=" + statuses + "}";
    }
}
