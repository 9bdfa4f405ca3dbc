package io.tfhyperstack.provider;

import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;

/** A data source of this provider: a read that needs the API client. */
public abstract class HyperstackDataSource extends HyperstackType implements DataSource {
    protected HyperstackDataSource(String typeName, Schema schema, ProviderContext context) {
        super(typeName, schema, context);
    }

    @Override
    public final void read(Value config, StateResult result) {
        HyperstackClient client = client(result.diagnostics());
        if (client != null) {
            read(client, config, result);
        }
    }

    /** Reads with a configured client; see {@link DataSource#read}. */
    protected abstract void read(HyperstackClient client, Value config, StateResult result);
}
