package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** The HyperStack API's routes under {@code /v1}: query and body checks here, the rules in {@link Cloud}. */
final class ApiRoutes {
    /** Page size when the client names none (the API's documented default). */
    static final int DEFAULT_PAGE_SIZE = 10;
    /**
     * Largest page the simulator serves unless told otherwise; a bigger {@code pageSize} is clamped to it
     * and the answer's {@code page_size} says so. The spec gives no maximum; this one is the simulator's
     * choice.
     */
    static final int MAX_PAGE_SIZE = 100;

    private final Cloud cloud;
    private final int maxPageSize;
    private final Router<Call.Handler> router = new Router<>();

    ApiRoutes(Cloud cloud, int maxPageSize) {
        this.cloud = cloud;
        this.maxPageSize = maxPageSize;
        String vms = "/core/virtual-machines";
        router.add("GET", vms, this::list)
                .add("POST", vms, this::create)
                .add("GET", vms + "/name-availability/{name}", this::nameAvailability)
                .add("GET", vms + "/{id}", c -> Call.Answer.ok(envelope("Getting instance detail success").set("instance", cloud.get(id(c)))))
                .add("DELETE", vms + "/{id}", c -> {
                    cloud.delete(id(c));
                    return Call.Answer.ok(Json.ok("Virtual machine deletion initiated"));
                })
                .add("GET", vms + "/{id}/start", c -> {
                    cloud.start(id(c));
                    return Call.Answer.ok(Json.ok("Virtual machine start action initiated"));
                })
                .add("GET", vms + "/{id}/stop", c -> {
                    cloud.stop(id(c));
                    return Call.Answer.ok(Json.ok("Virtual machine stop action initiated"));
                })
                .add("GET", vms + "/{id}/hard-reboot", c -> {
                    cloud.hardReboot(id(c));
                    return Call.Answer.ok(Json.ok("Virtual machine hard reboot action initiated"));
                })
                .add("GET", vms + "/{id}/hibernate", c -> {
                    long id = id(c);
                    cloud.hibernate(id, bool(c, "retain_ip"));
                    return Call.Answer.ok(Json.ok("Virtual machine hibernation initiated"));
                })
                .add("GET", vms + "/{id}/hibernate-restore", c -> {
                    cloud.restore(id(c));
                    return Call.Answer.ok(Json.ok("Virtual machine restore from hibernation initiated"));
                })
                .add("PUT", vms + "/{id}/label", c -> {
                    long id = id(c);
                    cloud.setLabels(id, c.json());
                    return Call.Answer.ok(Json.ok("Labels updated successfully"));
                })
                .add("POST", vms + "/{id}/resize", c -> {
                    id(c);
                    throw ApiError.badRequest("This feature is currently disabled");
                })
                .add("GET", "/core/environments", this::environments)
                .add("GET", "/core/keypairs", this::keypairs)
                .add("GET", "/core/flavors", c -> {
                    ObjectNode o = envelope("Success");
                    o.set("data", cloud.flavorGroups(c.query.get("region")));
                    return Call.Answer.ok(o);
                })
                .add("GET", "/core/images", c -> {
                    ObjectNode o = envelope("Success");
                    o.set("images", cloud.imageGroups(c.query.get("region")));
                    return Call.Answer.ok(o);
                });
    }

    Router<Call.Handler> router() {
        return router;
    }

    private Call.Answer list(Call c) {
        int page = positiveInt(c, "page", 1);
        int pageSize = Math.min(positiveInt(c, "pageSize", DEFAULT_PAGE_SIZE), maxPageSize);
        bool(c, "exclude_firewalls"); // accepted and checked; the simulator has no firewalls to leave out
        Cloud.Page p = cloud.list(new Cloud.VmQuery(page, pageSize, c.query.get("search"), c.query.get("environment"),
                bool(c, "exact_environment_match")));
        return Call.Answer.ok(paged("Getting instances success", p, "instances"));
    }

    private Call.Answer create(Call c) {
        List<ObjectNode> created = cloud.create(c.json());
        ObjectNode o = envelope("Creating " + created.size() + " virtual machine(s)");
        ArrayNode arr = o.putArray("instances");
        created.forEach(arr::add);
        return Call.Answer.ok(o);
    }

    private Call.Answer nameAvailability(Call c) {
        boolean available = cloud.nameAvailable(c.param("name"));
        ObjectNode o = envelope(available ? "Name is available" : "Name is already in use");
        o.put("available", available);
        return Call.Answer.ok(o);
    }

    private Call.Answer environments(Call c) {
        int page = positiveInt(c, "page", 1);
        int pageSize = Math.min(positiveInt(c, "pageSize", DEFAULT_PAGE_SIZE), maxPageSize);
        return Call.Answer.ok(paged("Success", cloud.environments(page, pageSize, c.query.get("search")), "environments"));
    }

    private Call.Answer keypairs(Call c) {
        int page = positiveInt(c, "page", 1);
        int pageSize = Math.min(positiveInt(c, "pageSize", DEFAULT_PAGE_SIZE), maxPageSize);
        return Call.Answer.ok(paged("Success", cloud.keypairs(page, pageSize), "keypairs"));
    }

    private static ObjectNode paged(String message, Cloud.Page p, String field) {
        ObjectNode o = envelope(message);
        o.put("page", p.page());
        o.put("page_size", p.pageSize());
        o.put("count", p.count());
        ArrayNode arr = o.putArray(field);
        p.items().forEach(arr::add);
        return o;
    }

    private static ObjectNode envelope(String message) {
        return Json.ok(message);
    }

    /** The path's VM id; one that is not a positive integer names no VM, so it answers 404 like an unknown id. */
    private static long id(Call c) {
        String raw = c.param("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to 404
        }
        throw ApiError.notFound("Virtual machine " + raw + " not found");
    }

    private static int positiveInt(Call c, String name, int fallback) {
        String raw = c.query.get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest(name + " must be a positive integer, got " + raw);
    }

    private static boolean bool(Call c, String name) {
        String raw = c.query.get(name);
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true": case "1": return true;
            case "false": case "0": return false;
            default: throw ApiError.badRequest(name + " must be true or false, got " + raw);
        }
    }
}
