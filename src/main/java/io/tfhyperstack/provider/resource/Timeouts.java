package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestedBlock;
import io.tfhyperstack.framework.text.DurationString;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code timeouts} block: how long an operation may wait for the instance, per operation.
 * Only the operations a resource actually waits in are offered.
 */
record Timeouts(Map<String, Duration> defaults) {
    static final String BLOCK = "timeouts";

    Timeouts {
        // the order of the lifecycle, whatever map the caller gave: schema and docs must come out
        // the same on every run
        Map<String, Duration> ordered = new LinkedHashMap<>();
        for (String operation : List.of("create", "read", "update", "delete")) {
            if (defaults.containsKey(operation)) {
                ordered.put(operation, defaults.get(operation));
            }
        }
        for (String operation : new java.util.TreeSet<>(defaults.keySet())) {
            ordered.putIfAbsent(operation, defaults.get(operation));
        }
        defaults = ordered;
    }

    NestedBlock block() {
        List<Attribute> attributes = new ArrayList<>();
        defaults.forEach((operation, fallback) -> attributes.add(Attribute.builder(operation).type(Type.STRING)
                .optional().validator(StringValidators.duration())
                .description("How long " + operation + " may wait for the instance, as a duration such as `30m` "
                        + "or `1h`. Defaults to `" + DurationString.format(fallback) + "`.")
                .build()));
        return NestedBlock.single(BLOCK, new Block(attributes, List.of(),
                "Time limits of the operations that wait for the instance.", false));
    }

    /** The time limit of {@code operation} set in a resource's {@code timeouts} block (null when absent). */
    Duration of(Value block, String operation) {
        Duration fallback = defaults.get(operation);
        if (fallback == null) {
            throw new IllegalArgumentException("no timeout for " + operation);
        }
        if (block.isNullOrUnknown()) {
            return fallback;
        }
        Value v = block.attribute(operation);
        // The validator already refused a bad duration; a null or unknown one takes the default.
        return v.isNull() || v.isUnknown() ? fallback : DurationString.parse(v.asString());
    }
}
