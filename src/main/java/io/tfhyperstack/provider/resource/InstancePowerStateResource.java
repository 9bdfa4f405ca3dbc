package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.planmodifier.RequiresReplace;
import io.tfhyperstack.framework.planmodifier.UseStateForUnknown;
import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.DeleteRequest;
import io.tfhyperstack.framework.resource.ImportableResource;
import io.tfhyperstack.framework.resource.ModifyPlanRequest;
import io.tfhyperstack.framework.resource.ModifyPlanResponse;
import io.tfhyperstack.framework.resource.PlanModifyingResource;
import io.tfhyperstack.framework.resource.ReadRequest;
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
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.InstanceId;
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
public final class InstancePowerStateResource implements ImportableResource, PlanModifyingResource {
    static final String TYPE = "hyperstack_instance_power_state";
    private static final ExportedFields EXPORTED = new ExportedFields(List.of("status", "fixed_ip", "floating_ip"));
    private static final Timeouts TIMEOUTS = new Timeouts(Map.of(
            "create", Duration.ofMinutes(20), "update", Duration.ofMinutes(20)));

    private final ProviderContext context;
    private final Schema schema = Schema.of(schemaBlock());

    public InstancePowerStateResource(ProviderContext context) {
        this.context = context;
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    private static Block schemaBlock() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.builder("id").type(Type.STRING).computed().planModifier(UseStateForUnknown.INSTANCE)
                .description("The instance's id, the same as `instance_id`.").build());
        attributes.add(Attribute.builder("instance_id").type(Type.STRING).required()
                .validator(InstanceId.validator())
                .planModifier(RequiresReplace.INSTANCE)
                .description("The id of the instance whose power this controls. Changing it replaces this resource "
                        + "(the old instance is left as it is).").build());
        attributes.add(Attribute.builder("power_state").type(Type.STRING).required()
                .validator(StringValidators.oneOf(PowerState.SETTABLE))
                .description("The wanted power: `running`, `stopped` or `hibernated`. A change outside Terraform "
                        + "shows up as a change back to this value.").build());
        attributes.add(PowerAttributes.retainFloatingIp());
        attributes.add(Attribute.builder("name").type(Type.STRING).computed().planModifier(UseStateForUnknown.INSTANCE)
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
        Value instanceId = plan.attribute("instance_id");
        // The id is the instance id: known as soon as the configuration is.
        if (request.creating() && instanceId.isKnown()) {
            plan = plan.withAttribute("id", instanceId);
        }
        response.plan(plan);
    }

    @Override
    public void create(CreateRequest request, StateResult result) {
        apply(request.plan(), null, "create", result);
    }

    @Override
    public void update(UpdateRequest request, StateResult result) {
        apply(request.plan(), request.priorState(), "update", result);
    }

    private void apply(Value plan, Value prior, String operation, StateResult result) {
        HyperstackClient client = context.client(result.diagnostics());
        if (client == null) {
            return;
        }
        String idText = plan.attribute("instance_id").asString();
        Long id = InstanceId.tryParse(idText);
        if (id == null) {
            result.diagnostics().addError("Invalid instance_id", "instance_id must be a numeric instance id; got \""
                    + idText + "\".");
            return;
        }
        PowerState wanted = PowerState.parse(plan.attribute("power_state").asString());
        try {
            Instance instance = new PowerStateMachine(client).drive(id, wanted,
                    plan.attribute("retain_floating_ip").asBool(), TIMEOUTS.of(plan, operation));
            result.state(PlannedValues.keepKnown(plan, stateOf(plan, instance, plan)));
        } catch (NotFoundException e) {
            result.diagnostics().addError("Instance " + id + " does not exist", e.getMessage());
        } catch (HyperstackException e) {
            Instance seen = e instanceof PowerChangeException p ? p.instance() : tryGet(client, id);
            if (seen != null) {
                result.state(stateOf(plan, seen, prior == null ? plan : prior));
            } else if (prior != null) {
                result.state(prior);
            }
            result.diagnostics().addError("Cannot bring instance " + id + " to " + wanted.value(), e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest request, StateResult result) {
        HyperstackClient client = context.client(result.diagnostics());
        if (client == null) {
            return;
        }
        Value state = request.state();
        long id = InstanceId.parse(state.attribute("instance_id").asString());
        try {
            Instance instance = client.getInstance(id);
            Value s = stateOf(state, instance, state);
            if (s.attribute("retain_floating_ip").isNull()) {
                s = s.withAttribute("retain_floating_ip", Value.bool(true));
            }
            result.state(s);
        } catch (NotFoundException e) {
            result.diagnostics().addWarning("Instance " + id + " no longer exists",
                    "Its power state is removed from state. Point instance_id at an existing instance.");
            result.remove();
        } catch (HyperstackException e) {
            result.diagnostics().addError("Cannot read instance " + id, e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest request, Diagnostics diagnostics) {
        // Only forgets the power setting; the instance belongs to whoever created it.
    }

    @Override
    public void importState(String id, StateResult result) {
        Long parsed = InstanceId.tryParse(id);
        if (parsed == null) {
            result.diagnostics().addError("Invalid import id", "Import " + TYPE + " by its numeric instance id; got \""
                    + id + "\".");
            return;
        }
        result.state(Value.empty(schema.type()).withAttribute("instance_id", Value.string(Long.toString(parsed))));
    }

    /** {@code base} with the instance's values, and its power state when steady (else {@code before}'s). */
    private static Value stateOf(Value base, Instance instance, Value before) {
        Value s = EXPORTED.fill(base, instance);
        String idText = Long.toString(instance.id());
        s = s.withAttribute("id", Value.string(idText)).withAttribute("instance_id", Value.string(idText));
        s = s.withAttribute("name", instance.name() == null ? Value.nullOf(Type.STRING) : Value.string(instance.name()));
        String power = InstanceResource.steadyPowerState(instance);
        return s.withAttribute("power_state", power != null ? Value.string(power) : before.attribute("power_state"));
    }

    private static Instance tryGet(HyperstackClient client, long id) {
        if (client.cancellation().isCancelled()) {
            return null;
        }
        try {
            return client.getInstance(id);
        } catch (HyperstackException e) {
            return null;
        }
    }
}
