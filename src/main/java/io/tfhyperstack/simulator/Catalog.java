package io.tfhyperstack.simulator;

import java.util.List;
import java.util.Set;

/** The read-only parts of the simulated account: what a VM is made of. Loaded from the seed, never changed. */
final class Catalog {
    private Catalog() {
    }

    record Environment(long id, String name, String region, String createdAt) {
    }

    record KeyPair(long id, String name, String environment, String publicKey, String fingerprint, String createdAt) {
    }

    /** {@code regions} lists where the flavor can be deployed; {@code hibernation} false means hibernate answers 400. */
    record Flavor(long id, String name, Set<String> regions, int cpu, double ram, int disk, int ephemeral,
                  String gpu, int gpuCount, boolean hibernation) {
    }

    record Image(long id, String name, Set<String> regions, String type, String version, int size,
                 String description, List<String> labels) {
    }
}
