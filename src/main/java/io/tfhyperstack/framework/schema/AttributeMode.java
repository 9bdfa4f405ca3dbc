package io.tfhyperstack.framework.schema;

/**
 * How an attribute relates to configuration. One enum instead of three booleans, so that a
 * combination Terraform rejects (required and computed, or none at all) cannot be written.
 */
public enum AttributeMode {
    /** The user must set it. */
    REQUIRED,
    /** The user may set it; when unset it stays null. */
    OPTIONAL,
    /** Only the provider sets it. */
    COMPUTED,
    /** The user may set it; when unset the provider decides (a default or a value from the API). */
    OPTIONAL_COMPUTED;

    public boolean required() {
        return this == REQUIRED;
    }

    public boolean optional() {
        return this == OPTIONAL || this == OPTIONAL_COMPUTED;
    }

    public boolean computed() {
        return this == COMPUTED || this == OPTIONAL_COMPUTED;
    }

    /** Whether a value can come from configuration at all. */
    public boolean configurable() {
        return this != COMPUTED;
    }
}
