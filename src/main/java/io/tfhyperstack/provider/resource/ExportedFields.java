package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.planmodifier.UseStateForUnknown;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.InstanceAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read-only attributes a resource exports about its instance, read through the shared
 * {@link InstanceAttributes} so that resources and data sources report an instance the same way.
 * Some of them move with the power state ({@link #MOVING}); the others are fixed at creation.
 */
final class ExportedFields {
    static final String STATUS = "status";
    static final String FIXED_IP = "fixed_ip";
    static final String FLOATING_IP = "floating_ip";
    /** Values a power change may alter; they are unknown in a plan that changes power. */
    static final Set<String> MOVING = Set.of(STATUS, "vm_state", FLOATING_IP, "floating_ip_status");

    private final List<String> names;
    private final ObjectType type;

    ExportedFields(List<String> names) {
        this.names = List.copyOf(names);
        Map<String, Type> types = new LinkedHashMap<>();
        for (String name : names) {
            types.put(name, InstanceAttributes.type(name));
        }
        this.type = new ObjectType(types);
    }

    /** Computed attributes, those fixed at creation keeping their prior value in plans. */
    List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        for (String name : names) {
            Attribute.Builder b = Attribute.builder(name).type(InstanceAttributes.type(name)).computed()
                    .description(InstanceAttributes.description(name));
            if (!MOVING.contains(name)) {
                b.planModifier(UseStateForUnknown.INSTANCE);
            }
            out.add(b.build());
        }
        return out;
    }

    /** The address a state records for its instance: the public IP, else the private one; null when none. */
    static String address(Value state) {
        String floating = state.attribute(FLOATING_IP).stringOrNull();
        return floating != null ? floating : state.attribute(FIXED_IP).stringOrNull();
    }

    /** {@code target} with every exported attribute read from {@code instance}. */
    Value fill(Value target, Instance instance) {
        Value read = InstanceAttributes.toObject(type, instance);
        Value out = target;
        for (String name : names) {
            out = out.withAttribute(name, read.attribute(name));
        }
        return out;
    }
}
