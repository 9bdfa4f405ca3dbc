package io.tfhyperstack.plugin.logging;

import java.util.Locale;
import java.util.logging.Level;

/**
 * hclog's level names, as Terraform reads them from {@code @level} and from TF_LOG, and the
 * java.util.logging thresholds they correspond to.
 */
public enum HclogLevel {
    TRACE(Level.FINEST),
    DEBUG(Level.FINE),
    INFO(Level.INFO),
    WARN(Level.WARNING),
    ERROR(Level.SEVERE),
    OFF(Level.OFF);

    /** When Terraform was given no log level it drops provider output anyway; keep only what matters. */
    public static final HclogLevel DEFAULT = WARN;

    @SuppressWarnings("ImmutableEnumChecker") // java.util.logging.Level has no setters: immutable, only not annotated so
    private final Level threshold;

    HclogLevel(Level threshold) {
        this.threshold = threshold;
    }

    /** The lowest JUL level that is written at this setting. */
    public Level threshold() {
        return threshold;
    }

    /** The lower-case name hclog writes into {@code @level}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The hclog level a JUL record is shown at. */
    public static HclogLevel of(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return WARN;
        }
        if (value >= Level.INFO.intValue()) {
            return INFO;
        }
        if (value >= Level.FINE.intValue()) {
            return DEBUG;
        }
        return TRACE;
    }

    /**
     * Reads the level the way Terraform does: TF_LOG_PROVIDER wins over TF_LOG, "JSON" means trace in
     * JSON (our only format anyway), and a value Terraform does not know means trace.
     *
     * @param providerSetting TF_LOG_PROVIDER, or null
     * @param globalSetting TF_LOG, or null
     */
    public static HclogLevel fromSettings(String providerSetting, String globalSetting) {
        String chosen = isSet(providerSetting) ? providerSetting : globalSetting;
        if (!isSet(chosen)) {
            return DEFAULT;
        }
        String name = chosen.trim().toUpperCase(Locale.ROOT);
        if (name.equals("JSON")) {
            return TRACE;
        }
        for (HclogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        return TRACE;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
