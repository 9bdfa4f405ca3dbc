package io.tfhyperstack.framework.provider;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/** A provider: its configuration block, and the resources and data sources it serves. */
public interface Provider {
    /** The provider's type name as used in resource names, e.g. {@code hyperstack}. */
    String typeName();

    Schema schema();

    default void validateConfig(Value config, Diagnostics diagnostics) {
    }

    /**
     * Takes the provider block's configuration (which may hold unknowns during plan) before any
     * resource operation. The stop signal trips when Terraform asks the provider to stop.
     */
    void configure(ConfigureRequest request, Diagnostics diagnostics);

    List<Resource> resources();

    List<DataSource> dataSources();
}
