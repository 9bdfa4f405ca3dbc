package io.tfhyperstack.hyperstack.model;

import java.util.Locale;

/**
 * Typed reading of the API's {@code status} string. The API publishes no enum, so the steady states
 * are the ones the documentation names, the transitional ones are those its lifecycle mentions, and
 * anything else is {@link #UNKNOWN}, which callers treat as "still in transition" until a timeout.
 */
public enum InstanceStatus {
    ACTIVE(false),
    SHUTOFF(false),
    HIBERNATED(false),
    ERROR(false),
    CREATING(true),
    BUILD(true),
    STARTING(true),
    STOPPING(true),
    HIBERNATING(true),
    RESTORING(true),
    REBOOTING(true),
    HARD_REBOOT(true),
    RESIZING(true),
    DELETING(true),
    DELETED(true),
    UNKNOWN(true);

    private final boolean transitional;

    InstanceStatus(boolean transitional) {
        this.transitional = transitional;
    }

    /** True while the machine is on its way somewhere (including {@link #UNKNOWN}). */
    public boolean isTransitional() {
        return transitional;
    }

    /** True for ACTIVE, SHUTOFF, HIBERNATED and ERROR: states that last until someone acts. */
    public boolean isSteady() {
        return !transitional;
    }

    /** Reads an API status, ignoring case and surrounding blanks; null or unrecognised gives UNKNOWN. */
    public static InstanceStatus of(String apiStatus) {
        if (apiStatus == null) {
            return UNKNOWN;
        }
        String s = apiStatus.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (s.equals("UNKNOWN")) {
            return UNKNOWN;
        }
        for (InstanceStatus v : values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
