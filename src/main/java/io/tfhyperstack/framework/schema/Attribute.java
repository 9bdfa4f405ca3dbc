package io.tfhyperstack.framework.schema;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.Validator;
import io.tfhyperstack.framework.planmodifier.PlanModifier;
import io.tfhyperstack.framework.values.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a schema block: its type (or nested attributes), how configuration relates to it,
 * and the rules the engine applies to it at validate and plan time. Descriptions are Markdown; the
 * registry docs are generated from them.
 */
public final class Attribute {
    private final String name;
    private final Type type;
    private final NestedAttributes nested;
    private final AttributeMode mode;
    private final boolean sensitive;
    private final boolean writeOnly;
    private final String description;
    private final String deprecationMessage;
    private final Value defaultValue;
    private final List<Validator> validators;
    private final List<PlanModifier> planModifiers;

    private Attribute(Builder b) {
        this.name = b.name;
        this.type = b.nested != null ? b.nested.type() : b.type;
        this.nested = b.nested;
        this.mode = b.mode;
        this.sensitive = b.sensitive;
        this.writeOnly = b.writeOnly;
        this.description = b.description;
        this.deprecationMessage = b.deprecationMessage;
        this.defaultValue = b.defaultValue;
        this.validators = List.copyOf(b.validators);
        this.planModifiers = List.copyOf(b.planModifiers);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The attribute's value type; for nested attributes, the type their objects make up. */
    public Type type() {
        return type;
    }

    /** Nested attributes, or null for an attribute with a plain type. */
    public NestedAttributes nested() {
        return nested;
    }

    public AttributeMode mode() {
        return mode;
    }

    public boolean sensitive() {
        return sensitive;
    }

    /**
     * Whether the value is write-only: it comes from configuration and is given to the resource in
     * the configuration of each apply, but is never kept in plan or state (the engine nulls it there).
     * For managed resources only.
     */
    public boolean writeOnly() {
        return writeOnly;
    }

    public String description() {
        return description;
    }

    public boolean deprecated() {
        return deprecationMessage != null;
    }

    public String deprecationMessage() {
        return deprecationMessage;
    }

    /** The value planned when configuration leaves the attribute unset, or null for none. */
    public Value defaultValue() {
        return defaultValue;
    }

    public List<Validator> validators() {
        return validators;
    }

    public List<PlanModifier> planModifiers() {
        return planModifiers;
    }

    public static final class Builder {
        private final String name;
        private Type type;
        private NestedAttributes nested;
        private AttributeMode mode;
        private boolean sensitive;
        private boolean writeOnly;
        private String description = "";
        private String deprecationMessage;
        private Value defaultValue;
        private final List<Validator> validators = new ArrayList<>();
        private final List<PlanModifier> planModifiers = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder type(Type type) {
            this.type = type;
            return this;
        }

        public Builder nested(NestedAttributes nested) {
            this.nested = nested;
            return this;
        }

        public Builder mode(AttributeMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder required() {
            return mode(AttributeMode.REQUIRED);
        }

        public Builder optional() {
            return mode(AttributeMode.OPTIONAL);
        }

        public Builder computed() {
            return mode(AttributeMode.COMPUTED);
        }

        public Builder optionalComputed() {
            return mode(AttributeMode.OPTIONAL_COMPUTED);
        }

        public Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        /** See {@link Attribute#writeOnly()}; the attribute must be required or optional. */
        public Builder writeOnly() {
            this.writeOnly = true;
            return this;
        }

        public Builder description(String markdown) {
            this.description = Objects.requireNonNull(markdown, "description");
            return this;
        }

        public Builder deprecated(String message) {
            this.deprecationMessage = Objects.requireNonNull(message, "message");
            return this;
        }

        public Builder defaultValue(Value value) {
            this.defaultValue = value;
            return this;
        }

        public Builder validator(Validator validator) {
            this.validators.add(Objects.requireNonNull(validator));
            return this;
        }

        public Builder planModifier(PlanModifier modifier) {
            this.planModifiers.add(Objects.requireNonNull(modifier));
            return this;
        }

        public Attribute build() {
            if (mode == null) {
                throw new IllegalStateException("attribute " + name + ": mode is required");
            }
            if ((type == null) == (nested == null)) {
                throw new IllegalStateException("attribute " + name + ": set exactly one of type and nested");
            }
            if (defaultValue != null && mode != AttributeMode.OPTIONAL_COMPUTED) {
                // Terraform only lets a provider fill in a value the user left unset when the
                // attribute is optional and computed; anything else is an invalid plan.
                throw new IllegalStateException("attribute " + name + ": a default needs OPTIONAL_COMPUTED");
            }
            if (defaultValue != null && !defaultValue.type().equals(nested != null ? nested.type() : type)) {
                throw new IllegalStateException("attribute " + name + ": default has type " + defaultValue.type());
            }
            if (writeOnly && mode.computed()) {
                // a computed value would have to be kept in state, which is what write-only forbids
                throw new IllegalStateException("attribute " + name + ": write-only cannot be computed");
            }
            if (writeOnly && nested != null && !nested.attributes().stream().allMatch(Attribute::writeOnly)) {
                throw new IllegalStateException("attribute " + name + ": every attribute nested in a write-only "
                        + "attribute must be write-only too");
            }
            if (nested != null && WriteOnlyRules.anyWriteOnly(nested.attributes())) {
                if (nested.nesting() == NestingMode.SET) {
                    // Terraform rejects such a schema: set elements have no identity to send a value to
                    throw new IllegalStateException("attribute " + name + ": a set of nested attributes cannot "
                            + "hold a write-only attribute");
                }
                if (mode.computed()) {
                    throw new IllegalStateException("attribute " + name + ": a computed attribute cannot hold a "
                            + "write-only attribute");
                }
            }
            return new Attribute(this);
        }
    }

    /** Nested attributes: an object type whose attributes carry their own modes and rules. */
    public record NestedAttributes(NestingMode nesting, List<Attribute> attributes) {
        public NestedAttributes {
            if (nesting == NestingMode.GROUP) {
                throw new IllegalArgumentException("nested attributes cannot use GROUP nesting");
            }
            attributes = List.copyOf(attributes);
        }

        public ObjectType objectType() {
            return Block.objectTypeOf(attributes, List.of());
        }

        public Type type() {
            ObjectType object = objectType();
            return switch (nesting) {
                case SINGLE, GROUP -> object;
                case LIST -> Type.list(object);
                case SET -> Type.set(object);
                case MAP -> Type.map(object);
            };
        }
    }
}
