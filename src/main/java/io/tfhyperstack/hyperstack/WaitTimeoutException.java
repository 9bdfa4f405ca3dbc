package io.tfhyperstack.hyperstack;

import java.time.Duration;

/** A status wait ran out of time. Names the instance, the last status seen and the timeout. */
public final class WaitTimeoutException extends HyperstackException {
    private final long instanceId;
    private final String lastStatus;
    private final Duration timeout;

    public WaitTimeoutException(long instanceId, String goal, String lastStatus, Duration timeout) {
        super("Timed out after " + human(timeout) + " waiting for virtual machine " + instanceId + " to " + goal
                + "; its last status was " + (lastStatus == null ? "unknown (not seen yet)" : lastStatus) + "."
                + " The operation may still finish: raise the resource's timeouts, or check the machine in the"
                + " HyperStack console and run terraform refresh.");
        this.instanceId = instanceId;
        this.lastStatus = lastStatus;
        this.timeout = timeout;
    }

    public long instanceId() {
        return instanceId;
    }

    /** The last status seen, or null if the instance was never seen during the wait. */
    public String lastStatus() {
        return lastStatus;
    }

    public Duration timeout() {
        return timeout;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? (s / 60) + " min" : s + " s";
    }
}
