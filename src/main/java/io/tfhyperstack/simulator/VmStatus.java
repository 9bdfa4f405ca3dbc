package io.tfhyperstack.simulator;

/**
 * The statuses a simulated VM passes through, with the {@code power_state} and {@code vm_state} shown
 * beside each. The API documents the status words; the other two are OpenStack-like guesses that stay
 * plausible (a VM that is stopping still runs until it has stopped).
 */
enum VmStatus {
    CREATING(null, "building", true),
    BUILD("NOSTATE", "building", true),
    ACTIVE("RUNNING", "active", false),
    STOPPING("RUNNING", "active", true),
    SHUTOFF("SHUTDOWN", "stopped", false),
    STARTING("SHUTDOWN", "stopped", true),
    REBOOTING("RUNNING", "active", true),
    HIBERNATING("RUNNING", "active", true),
    HIBERNATED("SHUTDOWN", "shelved_offloaded", false),
    RESTORING("SHUTDOWN", "shelved_offloaded", true),
    DELETING(null, null, true),
    ERROR("NOSTATE", "error", false);

    private final String powerState;
    private final String vmState;
    private final boolean transitional;

    VmStatus(String powerState, String vmState, boolean transitional) {
        this.powerState = powerState;
        this.vmState = vmState;
        this.transitional = transitional;
    }

    /** Null for CREATING (nothing runs yet); DELETING leaves the VM's power state as it was. */
    String powerState() {
        return powerState;
    }

    String vmState() {
        return vmState;
    }

    boolean transitional() {
        return transitional;
    }
}
