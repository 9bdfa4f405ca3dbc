package io.tfhyperstack.plugin.logging;

/**
 * A key/value to attach to one log line. Pass fields as log parameters and they become extra JSON keys
 * that Terraform shows next to the message, instead of being formatted into it:
 *
 * <pre>{@code
 * log.log(Level.DEBUG, "instance created", LogField.of("instance_id", id));
 * }</pre>
 *
 * @param key the JSON key; names starting with '@' are hclog's own and are refused
 * @param value written as a JSON number or boolean when it is one, otherwise as its string form
 */
public record LogField(String key, Object value) {
    public LogField {
        if (key == null || key.isEmpty() || key.startsWith("@")) {
            throw new IllegalArgumentException("log field keys must be non-empty and not start with '@': " + key);
        }
    }

    public static LogField of(String key, Object value) {
        return new LogField(key, value);
    }
}
