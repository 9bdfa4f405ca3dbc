package io.tfhyperstack.provider;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.hyperstack.HyperstackClient;

/**
 * What every resource and data source of this provider has: its type name, its schema, and the API
 * client it reaches through the provider's configuration. Subclasses implement the framework's
 * {@code Resource} or {@code DataSource}, whose {@code typeName()} and {@code schema()} these are.
 */
public abstract class HyperstackType {
    private final String typeName;
    private final Schema schema;
    private final ProviderContext context;

    protected HyperstackType(String typeName, Schema schema, ProviderContext context) {
        this.typeName = typeName;
        this.schema = schema;
        this.context = context;
    }

    public final String typeName() {
        return typeName;
    }

    public final Schema schema() {
        return schema;
    }

    /** The client, or null when the provider is not configured (yet): for what can do without it. */
    protected final HyperstackClient clientIfConfigured() {
        return context.clientIfConfigured();
    }

    /** The client, or null with an error on {@code diagnostics} saying why there is none. */
    protected final HyperstackClient client(Diagnostics diagnostics) {
        return context.client(diagnostics);
    }
}
