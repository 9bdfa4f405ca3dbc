package io.tfhyperstack.provider.resource;

import io.tfhyperstack.hyperstack.model.InstanceStatus;

/** One API action that moves an instance between steady power states, and the status it ends in. */
enum PowerAction {
    START(InstanceStatus.ACTIVE),
    STOP(InstanceStatus.SHUTOFF),
    HIBERNATE(InstanceStatus.HIBERNATED),
    RESTORE(InstanceStatus.ACTIVE);

    private final InstanceStatus arrival;

    PowerAction(InstanceStatus arrival) {
        this.arrival = arrival;
    }

    /** The steady status the instance has once this action has finished. */
    InstanceStatus arrival() {
        return arrival;
    }
}
