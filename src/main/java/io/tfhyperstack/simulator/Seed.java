package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The starting state of the simulated account, read from JSON. Format (every list optional; see
 * {@code simulator/default-seed.json} and {@code simulator/README.md} for a full example):
 * <pre>
 * {
 *   "org_id": 301,
 *   "environments": [{"id": 101, "name": "demo-canada", "region": "CANADA-1", "created_at": "2026-01-10T08:00:00"}],
 *   "keypairs":     [{"id": 201, "name": "demo-key", "environment": "demo-canada", "public_key": "ssh-ed25519 ...", "fingerprint": "..."}],
 *   "flavors":      [{"id": 95, "name": "n3-A100x1", "regions": ["CANADA-1"], "cpu": 28, "ram": 120.0, "disk": 100,
 *                     "ephemeral": 750, "gpu": "A100-80G-PCIe", "gpu_count": 1, "hibernation": true}],
 *   "images":       [{"id": 41, "name": "Ubuntu Server 22.04 LTS", "regions": ["CANADA-1"], "type": "Ubuntu", "version": "22.04"}],
 *   "instances":    [{"id": 1001, "name": "web-1", "environment": "demo-canada", "flavor": "n3-A100x1",
 *                     "image": "Ubuntu Server 22.04 LTS", "key": "demo-key", "status": "ACTIVE",
 *                     "fixed_ip": "10.0.0.11", "floating_ip": "203.0.113.11", "public_ip": true,
 *                     "labels": ["web"], "created_at": "2026-10-01T09:00:00"}],
 *   "next_instance_id": 2000
 * }
 * </pre>
 * An instance's {@code status} must be a settled one (ACTIVE, SHUTOFF, HIBERNATED or ERROR). {@code public_ip}
 * says whether it gets a floating IP back when restored from hibernation; it defaults to whether
 * {@code floating_ip} is set. Instance ids are optional (the next free id is used).
 */
record Seed(long orgId, List<Catalog.Environment> environments, List<Catalog.KeyPair> keypairs,
            List<Catalog.Flavor> flavors, List<Catalog.Image> images, List<InstanceSpec> instances,
            long nextInstanceId) {

    static final String DEFAULT_RESOURCE = "/simulator/default-seed.json";

    record InstanceSpec(Long id, String name, String environment, String flavor, String image, String key,
                        VmStatus status, String fixedIp, String floatingIp, boolean publicIp,
                        List<String> labels, String createdAt) {
    }

    static Seed defaults() {
        try (InputStream in = Seed.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default seed " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return parse(Json.MAPPER.readTree(in), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default seed: " + e.getMessage(), e);
        }
    }

    static Seed fromFile(Path file) {
        try {
            return parse(Json.MAPPER.readTree(Files.readAllBytes(file)), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read seed " + file + ": " + e.getMessage(), e);
        }
    }

    static Seed fromJson(String json) {
        try {
            return parse(Json.MAPPER.readTree(json), "seed JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException("seed JSON does not parse: " + e.getMessage(), e);
        }
    }

    private static Seed parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": a seed must be a JSON object");
        }
        long orgId = root.path("org_id").asLong(301);
        List<Catalog.Environment> envs = new ArrayList<>();
        for (JsonNode e : root.path("environments")) {
            envs.add(new Catalog.Environment(e.path("id").asLong(), required(e, "name", where), required(e, "region", where),
                    e.path("created_at").asText("2026-01-01T00:00:00")));
        }
        List<Catalog.KeyPair> keys = new ArrayList<>();
        for (JsonNode k : root.path("keypairs")) {
            keys.add(new Catalog.KeyPair(k.path("id").asLong(), required(k, "name", where), required(k, "environment", where),
                    k.path("public_key").asText("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsimulated simulator"),
                    k.path("fingerprint").asText("00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00"),
                    k.path("created_at").asText("2026-01-01T00:00:00")));
        }
        List<Catalog.Flavor> flavors = new ArrayList<>();
        for (JsonNode f : root.path("flavors")) {
            flavors.add(new Catalog.Flavor(f.path("id").asLong(), required(f, "name", where), strings(f.path("regions")),
                    f.path("cpu").asInt(), f.path("ram").asDouble(), f.path("disk").asInt(), f.path("ephemeral").asInt(),
                    f.path("gpu").asText(""), f.path("gpu_count").asInt(), f.path("hibernation").asBoolean(true)));
        }
        List<Catalog.Image> images = new ArrayList<>();
        for (JsonNode i : root.path("images")) {
            images.add(new Catalog.Image(i.path("id").asLong(), required(i, "name", where), strings(i.path("regions")),
                    i.path("type").asText("Ubuntu"), i.path("version").asText(""), i.path("size").asInt(0),
                    i.path("description").asText(""), new ArrayList<>(strings(i.path("labels")))));
        }
        List<InstanceSpec> instances = new ArrayList<>();
        for (JsonNode v : root.path("instances")) {
            String statusText = v.path("status").asText("ACTIVE");
            VmStatus status;
            try {
                status = VmStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown status " + statusText, e);
            }
            if (status.transitional()) {
                throw new IllegalArgumentException(where + ": a seeded instance must be ACTIVE, SHUTOFF, HIBERNATED or ERROR, not " + status);
            }
            String floating = text(v.path("floating_ip"));
            boolean publicIp = v.has("public_ip") ? v.path("public_ip").asBoolean() : floating != null;
            List<String> labels = v.has("labels") && !v.path("labels").isNull() ? new ArrayList<>(strings(v.path("labels"))) : null;
            instances.add(new InstanceSpec(v.hasNonNull("id") ? v.path("id").asLong() : null, required(v, "name", where),
                    required(v, "environment", where), required(v, "flavor", where), text(v.path("image")),
                    required(v, "key", where), status, text(v.path("fixed_ip")), floating, publicIp, labels,
                    v.path("created_at").asText(null)));
        }
        long next = root.path("next_instance_id").asLong(1001);
        return new Seed(orgId, envs, keys, flavors, images, instances, next);
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node.path(field));
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": an entry lacks \"" + field + "\": " + node);
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
