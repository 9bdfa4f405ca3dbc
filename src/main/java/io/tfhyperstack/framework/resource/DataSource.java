package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.validator.ConfigValidator;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/** A data source: reads something that exists and reports it. */
public interface DataSource {
    String typeName();

    Schema schema();

    default List<ConfigValidator> configValidators() {
        return List.of();
    }

    default void validateConfig(Value config, Diagnostics diagnostics) {
    }

    /** Reads with a wholly known config; the result must set every computed attribute. */
    void read(Value config, StateResult result);
}
