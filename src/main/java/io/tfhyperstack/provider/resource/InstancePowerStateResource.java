package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.planmodifier.RequiresReplace;
import io.tfhyperstack.framework.planmodifier.UseStateForUnknown;
import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.DeleteRequest;
import io.tfhyperstack.framework.resource.ModifyPlanRequest;
import io.tfhyperstack.framework.resource.ModifyPlanResponse;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.resource.UpdateRequest;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.NotFoundException;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.ModelValues;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperstack_instance_power_state}: the power of an instance managed elsewhere (the console,
 * another configuration). It owns nothing but the power: destroying it leaves the instance as it is.
 */
public final class InstancePowerStateResource extends InstanceBackedResource {
    private static final System.Logger LOG = System.getLogger(InstancePowerStateResource.class.getName());
    static final String TYPE = "hyperstack_instance_power_state";
    private static final ExportedFields EXPORTED = new ExportedFields(List.of("status", "fixed_ip", "floating_ip"));
    private static final Timeouts TIMEOUTS = new Timeouts(Map.of(
            "create", Duration.ofMinutes(20), "update", Duration.ofMinutes(20)));

    public InstancePowerStateResource(ProviderContext context) {
        this(context, PortWait.system());
    }

    InstancePowerStateResource(ProviderContext context, PortWait portWait) {
        super(TYPE, Schema.of(schemaBlock()), context, portWait);
    }

    private static Block schemaBlock() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.builder(PowerStateModel.ID).type(Type.STRING).computed()
                .planModifier(UseStateForUnknown.INSTANCE)
                .description("The instance's id, the same as `instance_id`.").build());
        attributes.add(Attribute.builder(PowerStateModel.INSTANCE_ID).type(Type.STRING).required()
                .validator(InstanceId.validator())
                .planModifier(RequiresReplace.INSTANCE)
                .description("The id of the instance whose power this controls. Changing it replaces this resource "
                        + "(the old instance is left as it is).").build());
        attributes.add(Attribute.builder(PowerStateModel.POWER_STATE).type(Type.STRING).required()
                .validator(StringValidators.oneOf(PowerState.SETTABLE))
                .description("The wanted power: `running`, `stopped` or `hibernated`. A change outside Terraform "
                        + "shows up as a change back to this value.").build());
        attributes.add(PowerAttributes.retainFloatingIp());
        attributes.add(PowerAttributes.waitForPort());
        attributes.add(Attribute.builder(PowerStateModel.NAME).type(Type.STRING).computed()
                .planModifier(UseStateForUnknown.INSTANCE)
                .description(InstanceAttributes.description("name")).build());
        attributes.addAll(EXPORTED.attributes());
        return new Block(attributes, List.of(TIMEOUTS.block()),
                "The power state of an existing HyperStack instance, for instances created outside this "
                        + "configuration: create and update start, stop, hibernate or restore it and wait until it "
                        + "is there. Destroying this resource only removes it from state: the instance is left "
                        + "running, stopped or hibernated as it is. Import with the instance id.", false);
    }

    @Override
    public void modifyPlan(ModifyPlanRequest request, ModifyPlanResponse response) {
        Value plan = PowerPlan.adjust(request.priorState(), response.plan());
        Value instanceId = plan.attribute(PowerStateModel.INSTANCE_ID);
        // The id is the instance id: known as soon as the configuration is.
        if (request.creating() && instanceId.isKnown()) {
            plan = plan.withAttribute(PowerStateModel.ID, instanceId);
            Instance instance = existing(instanceId.asString());
            if (instance != null) {
                plan = withWhatStays(plan, instance);
            }
        }
        response.plan(plan);
    }

    /**
     * The instance a new power state is for, read at plan time through the shared directory (one listing
     * serves every resource of the plan); null when it cannot be read now (provider not configured yet,
     * API failing, no such instance), and then the apply says what is wrong.
     */
    private Instance existing(String idText) {
        Long id = InstanceId.tryParse(idText);
        HyperstackClient client = clientIfConfigured();
        if (id == null || client == null) {
            return null;
        }
        try {
            for (Instance i : client.directory().all()) {
                if (i.id() == id) {
                    return i;
                }
            }
            return client.directory().findById(id).orElse(null);
        } catch (HyperstackException e) {
            LOG.log(System.Logger.Level.DEBUG, "instance " + id + " could not be read at plan time: " + e.getMessage());
            return null;
        }
    }

    /**
     * {@code plan} with what the power change cannot move taken from the instance as it is: its name and
     * private IP; its public IP when the change keeps it; its status only when there is nothing to change.
     */
    private static Value withWhatStays(Value plan, Instance instance) {
        Value out = plan.withAttribute(PowerStateModel.NAME, ModelValues.string(instance.name()))
                .withAttribute(ExportedFields.FIXED_IP, ModelValues.string(instance.fixedIp()));
        Value wanted = plan.attribute(PowerStateModel.POWER_STATE);
        if (!wanted.isKnown()) {
            return out;
        }
        Value floatingIp = ModelValues.string(instance.floatingIp());
        boolean nothingToDo = InstanceStatus.of(instance.status()).isSteady()
                && PowerState.of(instance.status()).value().equals(wanted.asString());
        if (nothingToDo) {
            return out.withAttribute(ExportedFields.STATUS, ModelValues.string(instance.status()))
                    .withAttribute(ExportedFields.FLOATING_IP, floatingIp);
        }
        return PowerPlan.keepsFloatingIp(floatingIp, wanted, plan)
                ? out.withAttribute(ExportedFields.FLOATING_IP, floatingIp) : out;
    }

    @Override
    void create(HyperstackClient client, CreateRequest request, StateResult result) {
        apply(client, request.plan(), null, "create", result);
    }

    @Override
    void update(HyperstackClient client, UpdateRequest request, StateResult result) {
        apply(client, request.plan(), request.priorState(), "update", result);
    }

    private void apply(HyperstackClient client, Value plan, Value prior, String operation, StateResult result) {
        long started = portWait.now();
        PowerStateModel planned = PowerStateModel.of(plan);
        Long id = InstanceId.tryParse(planned.instanceId());
        if (id == null) {
            result.diagnostics().addError("Invalid instance_id", "instance_id must be a numeric instance id; got \""
                    + planned.instanceId() + "\".");
            return;
        }
        PowerState wanted = PowerState.parse(planned.powerState());
        Duration timeout = TIMEOUTS.of(planned.timeouts(), operation);
        try {
            String address;
            if (prior != null && onlyLocalChanges(prior, plan)) {
                result.state(plan);
                address = ExportedFields.address(plan);
            } else {
                Instance instance = new PowerStateMachine(client).drive(id, wanted, planned.retainFloatingIp(),
                        portWait.left(timeout, started));
                result.state(PlannedValues.keepKnown(plan, stateOf(plan, planned, instance, planned.powerState())));
                address = PortWait.addressOf(instance);
            }
            awaitPort(client, planned.waitForPort(), wanted, id, address, operation, started, timeout);
        } catch (NotFoundException e) {
            result.diagnostics().addError("Instance " + id + " does not exist", e.getMessage());
        } catch (HyperstackException e) {
            Instance seen = current(client, id, e, null);
            if (seen != null) {
                String powerBefore = prior == null ? planned.powerState() : PowerStateModel.of(prior).powerState();
                result.state(stateOf(plan, planned, seen, powerBefore));
            } else if (prior != null) {
                result.state(prior);
            }
            result.diagnostics().addError(failureSummary(e, id, planned.waitForPort(),
                    "Cannot bring instance " + id + " to " + wanted.value()), e.getMessage());
        }
    }

    @Override
    long instanceId(Value state) {
        return PowerStateModel.of(state).parsedInstanceId();
    }

    @Override
    String whenGone() {
        return "Its power state is removed from state. Point instance_id at an existing instance.";
    }

    @Override
    Value refreshed(Value prior, Instance instance) {
        PowerStateModel p = PowerStateModel.of(prior);
        if (p.retainFloatingIp() == null) {
            p = p.withRetainFloatingIp(true);
        }
        return stateOf(prior, p, instance, p.powerState());
    }

    @Override
    public void delete(DeleteRequest request, Diagnostics diagnostics) {
        // Only forgets the power setting; the instance belongs to whoever created it.
    }

    @Override
    Value imported(long id) {
        return Value.empty(schema().type())
                .withAttribute(PowerStateModel.INSTANCE_ID, Value.string(Long.toString(id)));
    }

    /**
     * {@code target} with the model's values and the instance's, and its power state when steady (else
     * {@code powerBefore}).
     */
    private static Value stateOf(Value target, PowerStateModel model, Instance instance, String powerBefore) {
        String power = InstanceResource.steadyPowerState(instance);
        PowerStateModel now = model.with(instance.id(), instance.name(), power != null ? power : powerBefore);
        return EXPORTED.fill(now.writeTo(target), instance);
    }
}
