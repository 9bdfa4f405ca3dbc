package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;

/** Attributes both resources declare the same way, so that their meaning cannot drift apart. */
final class PowerAttributes {
    static final String POWER_STATE = "power_state";
    static final String RETAIN_FLOATING_IP = "retain_floating_ip";

    private PowerAttributes() {
    }

    static Attribute retainFloatingIp() {
        return Attribute.builder(RETAIN_FLOATING_IP).type(Type.BOOL).optionalComputed()
                .defaultValue(Value.bool(true))
                .description("Whether hibernation keeps the public IP (`true`, the default). When `false` the IP is "
                        + "released and the instance gets a new one on restore.").build();
    }
}
