package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.ModelValues;
import io.tfhyperstack.provider.PowerState;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code data "hyperstack_instances"} as Java values: its filters (null when unset) read from the
 * configuration, and the instances found written back. The one place that spells its attribute names.
 */
record InstancesModel(String environmentName, String nameRegex, List<String> powerStates, List<String> labels) {
    static final String ENVIRONMENT_NAME = "environment_name";
    static final String NAME_REGEX = "name_regex";
    static final String POWER_STATES = "power_states";
    static final String LABELS = "labels";
    static final String INSTANCES = "instances";
    static final String IDS = "ids";
    // Not "count": Terraform rejects any reference to a data source's `.count` (a leftover of its 0.11
    // syntax), so an attribute of that name could never be used.
    static final String INSTANCE_COUNT = "instance_count";

    static InstancesModel of(Value config) {
        return new InstancesModel(config.attribute(ENVIRONMENT_NAME).stringOrNull(),
                config.attribute(NAME_REGEX).stringOrNull(), ModelValues.strings(config.attribute(POWER_STATES)),
                ModelValues.strings(config.attribute(LABELS)));
    }

    /** The filters a validated configuration sets. */
    InstanceFilter filter() {
        return new InstanceFilter(environmentName,
                nameRegex == null ? null : Pattern.compile(nameRegex),
                powerStates == null ? null : powerStates.stream().map(PowerState::parse)
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                labels == null ? null : new LinkedHashSet<>(labels));
    }

    /** {@code config} with the instances found, in the order given, as objects of type {@code element}. */
    static Value withFound(Value config, ObjectType element, List<Instance> found) {
        List<Value> objects = found.stream().map(i -> InstanceAttributes.toObject(element, i)).toList();
        List<Value> ids = found.stream().map(i -> Value.string(Long.toString(i.id()))).toList();
        return config.withAttribute(INSTANCES, Value.list(element, objects))
                .withAttribute(IDS, Value.list(Type.STRING, ids))
                .withAttribute(INSTANCE_COUNT, Value.number(found.size()));
    }
}
