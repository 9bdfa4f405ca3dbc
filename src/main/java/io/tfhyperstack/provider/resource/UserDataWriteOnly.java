package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.AtMostOneOf;
import io.tfhyperstack.framework.values.Value;

import java.util.List;
import java.util.Optional;

/**
 * {@code user_data_wo} and {@code user_data_wo_version} of {@code hyperstack_instance}: cloud-init user
 * data that never reaches state or plan, for user data that carries secrets. Terraform cannot compare a
 * value it does not keep, so the version, which is kept, says when the instance is to be made again
 * with new user data.
 */
final class UserDataWriteOnly {
    static final String VALUE = "user_data_wo";
    static final String VERSION = "user_data_wo_version";
    /** The two ways of giving user data exclude each other. */
    static final AtMostOneOf CONFLICT = AtMostOneOf.of("user_data", VALUE);

    private UserDataWriteOnly() {
    }

    static List<Attribute> attributes() {
        return List.of(
                Attribute.builder(VALUE).type(Type.STRING).optional().sensitive().writeOnly()
                        .description("cloud-init user data run at first boot, like `user_data`, but write-only: "
                                + "Terraform sends it when the instance is created and keeps it in neither state "
                                + "nor plan, so it may carry secrets (and may come from an ephemeral value). "
                                + "Needs Terraform 1.11 or later. Conflicts with `user_data`. Since no stored "
                                + "value can show a change, changing it alone does nothing: change "
                                + "`" + VERSION + "` with it to replace the instance with the new user data.")
                        .build(),
                Attribute.builder(VERSION).type(Type.NUMBER).optional()
                        .planModifier(RequiresReplaceOnceKnown.INSTANCE)
                        .description("Any number you choose, kept in state: changing it replaces the instance, "
                                + "which then gets the current `" + VALUE + "`. After an import the configured "
                                + "value is adopted without replacing the instance.")
                        .build());
    }

    /** The write-only user data of a create, which Terraform gives in the configuration only. */
    static Optional<String> value(Value config) {
        Value v = config.attribute(VALUE);
        return v.isNull() || !v.isKnown() ? Optional.empty() : Optional.of(v.asString());
    }
}
