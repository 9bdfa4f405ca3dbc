package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.values.Value;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A resource whose schema version moved on. For each older version it gives the schema that state
 * was written with and a function from such a state to the current schema's shape.
 */
public interface UpgradableResource extends Resource {
    Map<Long, StateUpgrader> stateUpgraders();

    record StateUpgrader(Schema priorSchema, UnaryOperator<Value> upgrade) {
    }
}
