package io.tfhyperstack.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and path against route templates such as {@code /core/virtual-machines/{id}/start}.
 * Where several templates fit a path, the one with more literal segments wins (so
 * {@code name-availability/{name}} beats {@code {id}/...}); a path that fits only with another method
 * is told apart from a path that fits nothing, for 405 versus 404.
 */
final class Router<H> {
    record Match<H>(String template, H handler, Map<String, String> params, boolean methodAllowed) {
    }

    @SuppressWarnings("ArrayRecordComponent") // built once per route; never compared or hashed
    private record Route<H>(String method, String template, String[] segments, int literals, H handler) {
    }

    private final List<Route<H>> routes = new ArrayList<>();

    Router<H> add(String method, String template, H handler) {
        String[] segments = split(template);
        int literals = 0;
        for (String s : segments) {
            if (!isParam(s)) {
                literals++;
            }
        }
        routes.add(new Route<>(method, template, segments, literals, handler));
        return this;
    }

    /** Null when no template fits the path at all. */
    Match<H> match(String method, String path) {
        String[] parts = split(path);
        Route<H> best = null;
        Map<String, String> bestParams = null;
        Route<H> anyMethod = null;
        for (Route<H> r : routes) {
            Map<String, String> params = fit(r, parts);
            if (params == null) {
                continue;
            }
            if (anyMethod == null || r.literals > anyMethod.literals) {
                anyMethod = r;
            }
            if (r.method.equals(method) && (best == null || r.literals > best.literals)) {
                best = r;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Match<>(best.template, best.handler, bestParams, true);
        }
        if (anyMethod != null) {
            return new Match<>(anyMethod.template, null, Map.of(), false);
        }
        return null;
    }

    private static <H> Map<String, String> fit(Route<H> r, String[] parts) {
        if (r.segments.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = r.segments[i];
            if (isParam(s)) {
                params.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
