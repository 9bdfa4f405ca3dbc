package io.tfhyperstack.provider;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.provider.ConfigureRequest;
import io.tfhyperstack.framework.provider.Provider;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.provider.resource.InstancePowerStateResource;
import io.tfhyperstack.provider.resource.InstanceResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HyperStack provider: its block, and the resources and data sources it serves. */
public final class HyperstackProvider implements Provider {
    private final ProviderContext context = new ProviderContext();
    private final List<Resource> extraResources;
    private final Map<String, String> environment;

    /** Configured from this process's environment. */
    public HyperstackProvider() {
        this(List.of());
    }

    /** With resources beyond the provider's own; the framework's end-to-end tests add a test-only one. */
    public HyperstackProvider(List<Resource> extraResources) {
        this(extraResources, System.getenv());
    }

    /**
     * @param environment the variables the provider block's defaults come from: the walk's, which in the
     *     provider service are not the process's own
     */
    public HyperstackProvider(List<Resource> extraResources, Map<String, String> environment) {
        this.extraResources = List.copyOf(extraResources);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String typeName() {
        return "hyperstack";
    }

    @Override
    public Schema schema() {
        return ProviderSchema.schema();
    }

    @Override
    public void configure(ConfigureRequest request, Diagnostics diagnostics) {
        context.configure(request, environment, diagnostics);
    }

    @Override
    public List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        all.add(new InstanceResource(context));
        all.add(new InstancePowerStateResource(context));
        all.addAll(extraResources);
        return all;
    }

    @Override
    public List<DataSource> dataSources() {
        return List.of(new io.tfhyperstack.provider.datasource.InstanceDataSource(context),
                new io.tfhyperstack.provider.datasource.InstancesDataSource(context));
    }
}
