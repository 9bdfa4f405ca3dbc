package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.ImportableResource;
import io.tfhyperstack.framework.resource.PlanModifyingResource;
import io.tfhyperstack.framework.resource.ReadRequest;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.resource.UpdateRequest;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.NotFoundException;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.HyperstackType;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.ProviderContext;

/**
 * A resource whose state is about one existing instance, as both of this provider's resources are.
 * What they share lives here: create and update get the client first; a refresh reads the instance
 * and drops the resource when the instance is gone; import takes the instance id.
 */
abstract class InstanceBackedResource extends HyperstackType implements ImportableResource, PlanModifyingResource {
    InstanceBackedResource(String typeName, Schema schema, ProviderContext context) {
        super(typeName, schema, context);
    }

    @Override
    public final void create(CreateRequest request, StateResult result) {
        HyperstackClient client = client(result.diagnostics());
        if (client != null) {
            create(client, request, result);
        }
    }

    @Override
    public final void update(UpdateRequest request, StateResult result) {
        HyperstackClient client = client(result.diagnostics());
        if (client != null) {
            update(client, request, result);
        }
    }

    abstract void create(HyperstackClient client, CreateRequest request, StateResult result);

    abstract void update(HyperstackClient client, UpdateRequest request, StateResult result);

    @Override
    public final void read(ReadRequest request, StateResult result) {
        HyperstackClient client = client(result.diagnostics());
        if (client == null) {
            return;
        }
        Value state = request.state();
        long id = instanceId(state);
        try {
            result.state(refreshed(state, client.getInstance(id)));
        } catch (NotFoundException e) {
            result.diagnostics().addWarning("Instance " + id + " no longer exists", whenGone());
            result.remove();
        } catch (HyperstackException e) {
            result.diagnostics().addError("Cannot read instance " + id, e.getMessage());
        }
    }

    /** The id of the instance a (prior) state is about. */
    abstract long instanceId(Value state);

    /** The prior state brought up to date with the instance as it is. */
    abstract Value refreshed(Value prior, Instance instance);

    /** What a refresh that finds the instance gone tells the user. */
    abstract String whenGone();

    @Override
    public final void importState(String id, StateResult result) {
        Long parsed = InstanceId.tryParse(id);
        if (parsed == null) {
            result.diagnostics().addError("Invalid import id", "Import " + typeName() + " by its numeric instance "
                    + "id, e.g. terraform import " + typeName() + ".example 4242; got \"" + id + "\".");
            return;
        }
        result.state(imported(parsed));
    }

    /** The state an import starts from, which the refresh that follows fills in. */
    abstract Value imported(long id);

    /**
     * The instance as it is after {@code failure}: as the failed power change last saw it, else read
     * again, else {@code fallback} when the API cannot be asked (cancelled, failing).
     */
    static Instance current(HyperstackClient client, long id, HyperstackException failure, Instance fallback) {
        if (failure instanceof PowerChangeException p) {
            return p.instance();
        }
        if (client.cancellation().isCancelled()) {
            return fallback;
        }
        try {
            return client.getInstance(id);
        } catch (HyperstackException again) {
            return fallback;
        }
    }
}
