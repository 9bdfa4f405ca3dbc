package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.ModelValues;

/**
 * {@code hyperstack_instance_power_state}'s own attributes as Java values: the one place that spells
 * their names and reads or writes them. Null stands for a null value and, in a plan, for one not known
 * yet. The attributes read from the API's instance ({@link ExportedFields}) are written separately.
 *
 * @param timeouts the {@code timeouts} block as it is, read through {@link Timeouts}
 */
record PowerStateModel(String id, String instanceId, String powerState, Boolean retainFloatingIp, String name,
        Long waitForPort, Value timeouts) {
    static final String ID = "id";
    static final String INSTANCE_ID = "instance_id";
    static final String POWER_STATE = PowerAttributes.POWER_STATE;
    static final String RETAIN_FLOATING_IP = PowerAttributes.RETAIN_FLOATING_IP;
    static final String WAIT_FOR_PORT = PowerAttributes.WAIT_FOR_PORT;
    static final String NAME = "name";
    static final String TIMEOUTS = Timeouts.BLOCK;

    static PowerStateModel of(Value v) {
        return new PowerStateModel(v.attribute(ID).stringOrNull(), v.attribute(INSTANCE_ID).stringOrNull(),
                v.attribute(POWER_STATE).stringOrNull(), v.attribute(RETAIN_FLOATING_IP).boolOrNull(),
                v.attribute(NAME).stringOrNull(), v.attribute(WAIT_FOR_PORT).longOrNull(), v.attribute(TIMEOUTS));
    }

    /** {@code target} (an object of the resource's type) with every attribute of this model written. */
    Value writeTo(Value target) {
        return target.withAttribute(ID, ModelValues.string(id))
                .withAttribute(INSTANCE_ID, ModelValues.string(instanceId))
                .withAttribute(POWER_STATE, ModelValues.string(powerState))
                .withAttribute(RETAIN_FLOATING_IP, ModelValues.bool(retainFloatingIp))
                .withAttribute(NAME, ModelValues.string(name))
                .withAttribute(WAIT_FOR_PORT, ModelValues.number(waitForPort))
                .withAttribute(TIMEOUTS, timeouts);
    }

    /**
     * This model for the instance as it is: its id (in both {@code id} and {@code instance_id}), its name,
     * and the power state to record.
     */
    PowerStateModel with(long instance, String name, String powerState) {
        String idText = Long.toString(instance);
        return new PowerStateModel(idText, idText, powerState, retainFloatingIp, name, waitForPort, timeouts);
    }

    PowerStateModel withRetainFloatingIp(Boolean retain) {
        return new PowerStateModel(id, instanceId, powerState, retain, name, waitForPort, timeouts);
    }

    long parsedInstanceId() {
        return InstanceId.parse(instanceId);
    }
}
