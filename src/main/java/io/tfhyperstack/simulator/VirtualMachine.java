package io.tfhyperstack.simulator;

import java.util.ArrayList;
import java.util.List;

/** One simulated VM. Mutable, and only ever touched while holding the {@link Cloud}'s lock. */
final class VirtualMachine {
    final long id;
    final String name;
    final Catalog.Environment environment;
    final Catalog.Flavor flavor;
    final Catalog.Image image;
    final Catalog.KeyPair keypair;
    final String createdAt;
    final String userData;
    final String callbackUrl;

    VmStatus status;
    String powerState;
    String vmState;
    String fixedIp;
    String floatingIp;
    /** Whether the VM should hold a public IP when it runs: set at create, survives a hibernation that released it. */
    boolean wantsFloatingIp;
    List<String> labels;
    /** Bumped by every action so that a scheduled step of an older action knows it has been overtaken. */
    long generation;

    VirtualMachine(long id, String name, Catalog.Environment environment, Catalog.Flavor flavor, Catalog.Image image,
                   Catalog.KeyPair keypair, String createdAt, String userData, String callbackUrl, List<String> labels) {
        this.id = id;
        this.name = name;
        this.environment = environment;
        this.flavor = flavor;
        this.image = image;
        this.keypair = keypair;
        this.createdAt = createdAt;
        this.userData = userData;
        this.callbackUrl = callbackUrl;
        this.labels = labels == null ? null : new ArrayList<>(labels);
    }

    /** A VM being deleted keeps showing the power and VM state it had; every other status sets both. */
    void setStatus(VmStatus next) {
        status = next;
        if (next != VmStatus.DELETING) {
            powerState = next.powerState();
            vmState = next.vmState();
        }
    }
}
