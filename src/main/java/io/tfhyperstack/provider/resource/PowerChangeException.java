package io.tfhyperstack.provider.resource;

import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.PowerState;

import java.util.Locale;

/** A power change that cannot go on because the instance is (or went) into ERROR. Keeps the instance as seen. */
public final class PowerChangeException extends HyperstackException {
    private final transient Instance instance;

    PowerChangeException(Instance instance, PowerState wanted) {
        super("Instance " + instance.id() + " is in status " + instance.status() + ", so it cannot be brought to "
                + wanted.value() + ". Look at it in the HyperStack console; an instance in ERROR can be stopped "
                + "and started again there, or replaced (terraform apply -replace).");
        this.instance = instance;
    }

    PowerChangeException(Instance instance, PowerAction action) {
        super("Instance " + instance.id() + " went to status " + instance.status() + " during "
                + action.name().toLowerCase(Locale.ROOT) + ". Look at it in the HyperStack console; an instance "
                + "in ERROR can be stopped and started again there, or replaced (terraform apply -replace).");
        this.instance = instance;
    }

    /** The instance as last seen. */
    public Instance instance() {
        return instance;
    }
}
