package io.tfhyperstack.provider;

import io.tfhyperstack.hyperstack.model.InstanceStatus;

import java.util.Locale;

/**
 * The provider's view of an instance's power, derived from the API's {@code status} (the API's own
 * {@code power_state} values are undocumented). Users set the first three; the others only appear in
 * what the provider reports.
 */
public enum PowerState {
    RUNNING,
    STOPPED,
    HIBERNATED,
    TRANSITIONING,
    ERROR,
    UNKNOWN;

    /** The values a configuration may ask for. */
    @SuppressWarnings("MutablePublicArray") // read into validators and documentation; nothing writes them
    public static final String[] SETTABLE = {"running", "stopped", "hibernated"};
    /** Every value the provider reports. */
    @SuppressWarnings("MutablePublicArray") // as SETTABLE
    public static final String[] REPORTED = {"running", "stopped", "hibernated", "transitioning", "error", "unknown"};

    public static PowerState of(String apiStatus) {
        if (apiStatus == null) {
            return UNKNOWN;
        }
        InstanceStatus status = InstanceStatus.of(apiStatus);
        return switch (status) {
            case ACTIVE -> RUNNING;
            case SHUTOFF -> STOPPED;
            case HIBERNATED -> HIBERNATED;
            case ERROR -> ERROR;
            case UNKNOWN -> UNKNOWN;
            default -> TRANSITIONING;
        };
    }

    public static PowerState parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The lower-case spelling used in configuration and state. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
