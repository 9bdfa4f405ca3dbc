package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.ModelValues;

import java.util.List;

/**
 * {@code hyperstack_instance}'s own attributes as Java values: the one place that spells their names
 * and reads or writes them. Null stands for a null value and, in a plan, for one not known yet (on
 * create: the id, and the image when the configuration leaves it to the API). The attributes read from
 * the API's instance ({@link ExportedFields}) are written separately, since they always come from it.
 *
 * @param labels sorted; null when unset, which differs from empty
 * @param timeouts the {@code timeouts} block as it is, read through {@link Timeouts}
 */
record InstanceModel(String id, String name, String environmentName, String flavorName, String keyName,
        String imageName, Boolean assignFloatingIp, String userData, List<String> labels, String powerState,
        Boolean retainFloatingIp, Long waitForPort, Value timeouts) {
    static final String ID = "id";
    static final String NAME = "name";
    static final String ENVIRONMENT_NAME = "environment_name";
    static final String FLAVOR_NAME = "flavor_name";
    static final String KEY_NAME = "key_name";
    static final String IMAGE_NAME = "image_name";
    static final String ASSIGN_FLOATING_IP = "assign_floating_ip";
    static final String USER_DATA = "user_data";
    static final String LABELS = "labels";
    static final String POWER_STATE = PowerAttributes.POWER_STATE;
    static final String RETAIN_FLOATING_IP = PowerAttributes.RETAIN_FLOATING_IP;
    static final String WAIT_FOR_PORT = PowerAttributes.WAIT_FOR_PORT;
    static final String TIMEOUTS = Timeouts.BLOCK;

    static InstanceModel of(Value v) {
        return new InstanceModel(v.attribute(ID).stringOrNull(), v.attribute(NAME).stringOrNull(),
                v.attribute(ENVIRONMENT_NAME).stringOrNull(), v.attribute(FLAVOR_NAME).stringOrNull(),
                v.attribute(KEY_NAME).stringOrNull(), v.attribute(IMAGE_NAME).stringOrNull(),
                v.attribute(ASSIGN_FLOATING_IP).boolOrNull(), v.attribute(USER_DATA).stringOrNull(),
                ModelValues.strings(v.attribute(LABELS)), v.attribute(POWER_STATE).stringOrNull(),
                v.attribute(RETAIN_FLOATING_IP).boolOrNull(), v.attribute(WAIT_FOR_PORT).longOrNull(),
                v.attribute(TIMEOUTS));
    }

    /** {@code target} (an object of the resource's type) with every attribute of this model written. */
    Value writeTo(Value target) {
        return target.withAttribute(ID, ModelValues.string(id))
                .withAttribute(NAME, ModelValues.string(name))
                .withAttribute(ENVIRONMENT_NAME, ModelValues.string(environmentName))
                .withAttribute(FLAVOR_NAME, ModelValues.string(flavorName))
                .withAttribute(KEY_NAME, ModelValues.string(keyName))
                .withAttribute(IMAGE_NAME, ModelValues.string(imageName))
                .withAttribute(ASSIGN_FLOATING_IP, ModelValues.bool(assignFloatingIp))
                .withAttribute(USER_DATA, ModelValues.string(userData))
                .withAttribute(LABELS, ModelValues.stringSet(labels))
                .withAttribute(POWER_STATE, ModelValues.string(powerState))
                .withAttribute(RETAIN_FLOATING_IP, ModelValues.bool(retainFloatingIp))
                .withAttribute(WAIT_FOR_PORT, ModelValues.number(waitForPort))
                .withAttribute(TIMEOUTS, timeouts);
    }

    /** This model after an apply or refresh: the instance's id, and the image and power state to record. */
    InstanceModel with(String id, String imageName, String powerState) {
        return new InstanceModel(id, name, environmentName, flavorName, keyName, imageName, assignFloatingIp, userData,
                labels, powerState, retainFloatingIp, waitForPort, timeouts);
    }

    long instanceId() {
        return InstanceId.parse(id);
    }
}
