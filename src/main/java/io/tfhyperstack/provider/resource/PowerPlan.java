package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.model.InstanceStatus;

/**
 * How a plan shows the attributes that move with power ({@link ExportedFields#MOVING}). When power
 * does not change they keep their prior value, so labels or timeouts alone plan nothing unknown;
 * when it does, they are unknown, except a floating IP that the change is sure to keep.
 */
final class PowerPlan {
    private PowerPlan() {
    }

    static Value adjust(Value prior, Value plan) {
        if (prior.isNull() || plan.isNull()) {
            return plan;
        }
        Value wanted = plan.attribute(PowerAttributes.POWER_STATE);
        boolean powerChanges = wanted.isUnknown() || !wanted.equals(prior.attribute(PowerAttributes.POWER_STATE));
        // A prior status still in transition will have moved on by apply time.
        boolean settled = InstanceStatus.of(prior.attribute(ExportedFields.STATUS).stringOrNull()).isSteady();
        Value out = plan;
        for (String name : ExportedFields.MOVING) {
            if (!hasAttribute(plan, name)) {
                continue;
            }
            Value kept = prior.attribute(name);
            boolean keep = !powerChanges && settled;
            if (name.equals("floating_ip") && powerChanges) {
                keep = keepsFloatingIp(kept, wanted, plan);
            }
            out = out.withAttribute(name, keep ? kept : Value.unknown(kept.type()));
        }
        return out;
    }

    /**
     * A public IP survives stop and start, and hibernation when retained; a released one comes back
     * as a new address, and one that was never there may appear on restore.
     */
    static boolean keepsFloatingIp(Value prior, Value wanted, Value plan) {
        if (prior.isNull() || wanted.isUnknown()) {
            return false;
        }
        Value retain = plan.attribute(PowerAttributes.RETAIN_FLOATING_IP);
        boolean retained = retain.isKnown() && !retain.isNull() && retain.asBool();
        return !"hibernated".equals(wanted.asString()) || retained;
    }

    private static boolean hasAttribute(Value object, String name) {
        return ((ObjectType) object.type()).hasAttribute(name);
    }
}
