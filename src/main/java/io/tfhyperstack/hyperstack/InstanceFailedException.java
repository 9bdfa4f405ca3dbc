package io.tfhyperstack.hyperstack;

/** A waited-for virtual machine reached ERROR (or another status the wait could not accept). */
public final class InstanceFailedException extends HyperstackException {
    private final long instanceId;
    private final String status;

    public InstanceFailedException(long instanceId, String status, String goal) {
        super("Virtual machine " + instanceId + " went to status " + status + " while waiting for it to " + goal
                + ". Look at the machine in the HyperStack console (its events say why); a machine in ERROR"
                + " usually has to be deleted and created again.");
        this.instanceId = instanceId;
        this.status = status;
    }

    public long instanceId() {
        return instanceId;
    }

    public String status() {
        return status;
    }
}
