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
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.time.Duration;
import java.util.Set;

/**
 * A resource whose state is about one existing instance, as both of this provider's resources are.
 * What they share lives here: create and update get the client first; a refresh reads the instance
 * and drops the resource when the instance is gone; import takes the instance id.
 */
abstract class InstanceBackedResource extends HyperstackType implements ImportableResource, PlanModifyingResource {
    /** What an update may change without asking the API anything: settings the provider keeps for itself. */
    private static final Set<String> LOCAL = Set.of(PowerAttributes.WAIT_FOR_PORT, Timeouts.BLOCK);

    final PortWait portWait;

    InstanceBackedResource(String typeName, Schema schema, ProviderContext context, PortWait portWait) {
        super(typeName, schema, context);
        this.portWait = portWait;
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
     * Whether {@code plan} differs from {@code prior} only in settings the provider keeps for itself, and
     * knows every value: then it is the new state as it is, and no API call is needed.
     */
    static boolean onlyLocalChanges(Value prior, Value plan) {
        if (!plan.isWhollyKnown()) {
            return false;
        }
        for (String name : plan.entries().keySet()) {
            if (!LOCAL.contains(name) && !plan.attribute(name).equals(prior.attribute(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code wait_for_port}: when a port is set and the instance is to be running, waits until it takes a
     * connection at {@code address}, within what is left of the operation's {@code timeout}.
     */
    void awaitPort(HyperstackClient client, Long port, PowerState wanted, long instanceId, String address,
            String operation, long startedNanos, Duration timeout) {
        if (port != null && wanted == PowerState.RUNNING) {
            portWait.await(instanceId, address, port.intValue(), operation, startedNanos, timeout,
                    client.cancellation());
        }
    }

    /** The summary of an error of an apply: {@code otherwise}, unless the port wait failed. */
    static String failureSummary(HyperstackException e, long instanceId, Long port, String otherwise) {
        return e instanceof PortWaitException ? "Port " + port + " of instance " + instanceId + " did not open"
                : otherwise;
    }

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
