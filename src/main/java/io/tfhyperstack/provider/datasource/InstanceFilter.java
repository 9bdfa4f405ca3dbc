package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.PowerState;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code data "hyperstack_instances"} keeps: instances that pass every filter that is set
 * (a null filter passes everything).
 *
 * @param environment exact environment name
 * @param nameRegex found anywhere in the name, as Terraform's other {@code name_regex} arguments do
 * @param powerStates the instance's {@link PowerState} is one of these
 * @param labels the instance carries all of these
 */
public record InstanceFilter(String environment, Pattern nameRegex, Set<PowerState> powerStates, Set<String> labels) {
    public static final InstanceFilter NONE = new InstanceFilter(null, null, null, null);

    public InstanceFilter {
        powerStates = powerStates == null ? null : Set.copyOf(powerStates);
        labels = labels == null ? null : Set.copyOf(labels);
    }

    public boolean matches(Instance i) {
        return (environment == null || environment.equals(i.environmentName()))
                && (nameRegex == null || (i.name() != null && nameRegex.matcher(i.name()).find()))
                && (powerStates == null || powerStates.contains(PowerState.of(i.status())))
                && (labels == null || i.labels().containsAll(labels));
    }

    /** The instances that match, ordered by id so that plans don't change when the API's order does. */
    public List<Instance> apply(List<Instance> instances) {
        return instances.stream().filter(this::matches).sorted(Comparator.comparingLong(Instance::id)).toList();
    }
}
