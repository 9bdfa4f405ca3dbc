package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.NumberValidators;
import io.tfhyperstack.framework.values.Value;

/** Attributes both resources declare the same way, so that their meaning cannot drift apart. */
final class PowerAttributes {
    static final String POWER_STATE = "power_state";
    static final String RETAIN_FLOATING_IP = "retain_floating_ip";
    static final String WAIT_FOR_PORT = "wait_for_port";

    private PowerAttributes() {
    }

    static Attribute retainFloatingIp() {
        return Attribute.builder(RETAIN_FLOATING_IP).type(Type.BOOL).optionalComputed()
                .defaultValue(Value.bool(true))
                .description("Whether hibernation keeps the public IP (`true`, the default). When `false` the IP is "
                        + "released and the instance gets a new one on restore.").build();
    }

    static Attribute waitForPort() {
        return Attribute.builder(WAIT_FOR_PORT).type(Type.NUMBER).optional()
                .validator(NumberValidators.between(1, 65535))
                .description("A TCP port (1-65535), e.g. `22`. When set, an apply that leaves the instance running "
                        + "(created, started, restored or already running) returns only once a connection to this "
                        + "port of the instance's public IP (else its private IP) succeeds, so that the next step can "
                        + "connect at once. It tries again with growing pauses, within the `create` or `update` "
                        + "timeout counted from the start of the apply; when the port stays closed the apply fails "
                        + "and names the address and port. Nothing is tried when the wanted power state is "
                        + "`stopped` or `hibernated`. Changing only this attribute calls no API.").build();
    }
}
