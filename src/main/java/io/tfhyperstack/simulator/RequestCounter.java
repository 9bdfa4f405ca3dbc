package io.tfhyperstack.simulator;

import java.util.HashMap;
import java.util.Map;

/** Counts API requests by route and by answer; the live side of {@link SimulatorStats}. */
final class RequestCounter {
    private long total;
    private final Map<String, Long> requests = new HashMap<>();
    private final Map<Integer, Long> statuses = new HashMap<>();

    synchronized void record(String method, String template, int status) {
        total++;
        requests.merge(method + " " + (template == null ? "(unmatched)" : template), 1L, Long::sum);
        statuses.merge(status, 1L, Long::sum);
    }

    synchronized SimulatorStats snapshot() {
        return new SimulatorStats(total, requests, statuses);
    }

    synchronized void reset() {
        total = 0;
        requests.clear();
        statuses.clear();
    }
}
