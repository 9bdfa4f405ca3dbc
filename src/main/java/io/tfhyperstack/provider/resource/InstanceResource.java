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
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperstack_instance}: the whole life of one instance, including its power state. What the
 * configuration fixes at creation (name, environment, flavor, key, image, public IP, user data)
 * replaces the instance when changed; labels and power state change in place.
 */
public final class InstanceResource implements ImportableResource, PlanModifyingResource {
    static final String TYPE = "hyperstack_instance";
    private static final List<String> REPLACING = List.of("name", "environment_name", "flavor_name", "key_name");
    private static final ExportedFields EXPORTED = new ExportedFields(List.of("status", "vm_state", "fixed_ip",
            "floating_ip", "floating_ip_status", "region", "created_at", "cpu", "ram", "gpu", "gpu_count"));
    private static final Timeouts TIMEOUTS = new Timeouts(Map.of(
            "create", Duration.ofMinutes(20), "update", Duration.ofMinutes(20), "delete", Duration.ofMinutes(10)));

    private final ProviderContext context;
    private final Schema schema = Schema.of(schemaBlock());

    public InstanceResource(ProviderContext context) {
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
                .description("The instance's id, an integer written in decimal. Import takes this id.").build());
        attributes.add(Attribute.builder("name").type(Type.STRING).required()
                .validator(StringValidators.lengthBetween(1, CreateInstanceRequest.MAX_NAME_LENGTH))
                .planModifier(RequiresReplace.INSTANCE)
                .description("The instance's name, unique within its environment.").build());
        attributes.add(replacing("environment_name", "The environment (and so the region) to create it in."));
        attributes.add(replacing("flavor_name", "The flavor (machine size), e.g. `n3-A100x1`."));
        attributes.add(replacing("key_name", "The SSH key pair of the environment to install."));
        attributes.add(Attribute.builder("image_name").type(Type.STRING).optionalComputed()
                .planModifier(UseStateForUnknown.INSTANCE).planModifier(RequiresReplace.INSTANCE)
                .description("The operating system image, e.g. `Ubuntu Server 22.04 LTS`. When unset, the API "
                        + "chooses and the value it reports is kept.").build());
        attributes.add(Attribute.builder("assign_floating_ip").type(Type.BOOL).optionalComputed()
                .defaultValue(Value.bool(false)).planModifier(RequiresReplaceOnceKnown.INSTANCE)
                .description("Whether the instance gets a public IP. Defaults to `false`. The API does not report "
                        + "it: an import reads it as `true` when the instance has a public IP, as `false` when a "
                        + "running or stopped instance has none, and otherwise (hibernated, in transition) adopts "
                        + "the configured value without replacing the instance.").build());
        attributes.add(Attribute.builder("user_data").type(Type.STRING).optional()
                .planModifier(RequiresReplaceOnceKnown.INSTANCE)
                .description("cloud-init user data run at first boot. Changing it replaces the instance. The API never "
                        + "reports it back, so drift is "
                        + "not detected, and after an import the configured value is adopted without replacing "
                        + "the instance.").build());
        attributes.add(Attribute.builder("labels").type(Type.set(Type.STRING)).optional()
                .description("Labels of the instance; changed in place.").build());
        attributes.add(Attribute.builder("power_state").type(Type.STRING).optionalComputed()
                .defaultValue(Value.string("running")).validator(StringValidators.oneOf(PowerState.SETTABLE))
                .description("The wanted power: `running` (default), `stopped` or `hibernated`. Changed in place "
                        + "(stop, start, hibernate, restore). An instance stopped or hibernated outside Terraform "
                        + "shows up as a change back to this value.").build());
        attributes.add(PowerAttributes.retainFloatingIp());
        attributes.addAll(EXPORTED.attributes());
        return new Block(attributes, List.of(TIMEOUTS.block()),
                "A HyperStack instance (virtual machine), from creation to deletion, including its power state. "
                        + "Import with the instance id. Not reported by the API, and so adopted from the "
                        + "configuration after an import: `user_data`, `assign_floating_ip` (when a hibernated or "
                        + "changing instance has no public IP), `retain_floating_ip` and `timeouts`.", false);
    }

    private static Attribute replacing(String name, String description) {
        return Attribute.builder(name).type(Type.STRING).required().planModifier(RequiresReplace.INSTANCE)
                .description(description + " Changing it replaces the instance.").build();
    }

    @Override
    public void modifyPlan(ModifyPlanRequest request, ModifyPlanResponse response) {
        response.plan(PowerPlan.adjust(request.priorState(), response.plan()));
    }

    @Override
    public void create(CreateRequest request, StateResult result) {
        HyperstackClient client = context.client(result.diagnostics());
        if (client == null) {
            return;
        }
        Value plan = request.plan();
        long started = System.nanoTime();
        Duration timeout = TIMEOUTS.of(plan, "create");
        Instance instance;
        try {
            // The call's retries fit in the create timeout too, not only the wait after it.
            instance = client.createInstance(createRequest(plan), timeout);
        } catch (HyperstackException e) {
            result.diagnostics().addError("Cannot create instance " + plan.attribute("name").asString(),
                    e.getMessage());
            return;
        }
        // From here on the instance exists: whatever fails, it is kept in state (Terraform taints it).
        result.state(failedState(plan, instance, plan));
        PowerState wanted = PowerState.parse(plan.attribute("power_state").asString());
        try {
            // One budget for the whole create: the call (and its retries) already spent part of it.
            instance = client.statusWaiter().awaitStatus(instance.id(), InstanceStatus.ACTIVE, left(timeout, started),
                    client.cancellation());
            result.state(failedState(plan, instance, plan));
            instance = new PowerStateMachine(client).drive(instance, wanted,
                    plan.attribute("retain_floating_ip").asBool(), left(timeout, started));
            result.state(succeededState(plan, instance));
        } catch (HyperstackException e) {
            Instance seen = lastSeen(client, instance, e);
            result.state(failedState(plan, seen, plan));
            result.diagnostics().addError("Instance " + seen.id() + " was created but did not become " + wanted.value(),
                    e.getMessage() + " The instance is kept in state as tainted, so the next apply replaces it; "
                            + "or remove it from state with terraform state rm.");
        }
    }

    /** What is left of {@code budget} since {@code startedNanos}; never negative. */
    private static Duration left(Duration budget, long startedNanos) {
        Duration rest = budget.minusNanos(System.nanoTime() - startedNanos);
        return rest.isNegative() ? Duration.ZERO : rest;
    }

    private static CreateInstanceRequest createRequest(Value plan) {
        CreateInstanceRequest.Builder b = CreateInstanceRequest.builder()
                .name(plan.attribute("name").asString())
                .environmentName(plan.attribute("environment_name").asString())
                .flavorName(plan.attribute("flavor_name").asString())
                .keyName(plan.attribute("key_name").asString())
                .assignFloatingIp(plan.attribute("assign_floating_ip").asBool());
        Value image = plan.attribute("image_name");
        if (image.isKnown() && !image.isNull()) {
            b.imageName(image.asString());
        }
        Value userData = plan.attribute("user_data");
        if (!userData.isNull()) {
            b.userData(userData.asString());
        }
        Value labels = plan.attribute("labels");
        if (!labels.isNull()) {
            b.labels(strings(labels));
        }
        return b.build();
    }

    @Override
    public void read(ReadRequest request, StateResult result) {
        HyperstackClient client = context.client(result.diagnostics());
        if (client == null) {
            return;
        }
        Value state = request.state();
        long id = InstanceId.parse(state.attribute("id").asString());
        try {
            result.state(refreshed(state, client.getInstance(id)));
        } catch (NotFoundException e) {
            result.diagnostics().addWarning("Instance " + id + " no longer exists",
                    "It was deleted outside Terraform and is removed from state; the next plan creates it again.");
            result.remove();
        } catch (HyperstackException e) {
            result.diagnostics().addError("Cannot read instance " + id, e.getMessage());
        }
    }

    /**
     * The prior state brought up to date. The API's arguments replace the prior ones where it reports
     * them (drift shows as a change); the power state follows the status once it is steady; what the API
     * never reports keeps its prior value, and an import (no prior name) gets defaults.
     */
    private static Value refreshed(Value prior, Instance instance) {
        boolean imported = prior.attribute("name").isNull();
        Value s = EXPORTED.fill(prior, instance);
        s = s.withAttribute("id", Value.string(Long.toString(instance.id())));
        s = reported(s, "name", instance.name());
        s = reported(s, "environment_name", instance.environmentName());
        s = reported(s, "flavor_name", instance.flavor() == null ? null : instance.flavor().name());
        s = reported(s, "key_name", instance.keypair() == null ? null : instance.keypair().name());
        s = reported(s, "image_name", instance.image() == null ? null : instance.image().name());
        boolean noLabelsBefore = prior.attribute("labels").isNull();
        if (!(instance.labels().isEmpty() && noLabelsBefore)) {
            s = s.withAttribute("labels", Value.set(Type.STRING, instance.labels().stream().map(Value::string).toList()));
        } else {
            s = s.withAttribute("labels", Value.nullOf(Type.set(Type.STRING)));
        }
        String power = steadyPowerState(instance);
        if (power != null) {
            s = s.withAttribute("power_state", Value.string(power));
        }
        if (imported) {
            s = s.withAttribute("retain_floating_ip", Value.bool(true));
            s = s.withAttribute("assign_floating_ip", importedFloatingIpSetting(instance, power));
        }
        return s;
    }

    /**
     * What an import can honestly say of assign_floating_ip, which the API does not report: a public IP
     * means true; none on an instance that keeps its IP when it has one (running or stopped) means false;
     * a hibernated or moving instance may have given its IP back, so nothing is said (null), and the
     * configured value is adopted.
     */
    private static Value importedFloatingIpSetting(Instance instance, String power) {
        if (instance.floatingIp() != null) {
            return Value.bool(true);
        }
        if ("running".equals(power) || "stopped".equals(power)) {
            return Value.bool(false);
        }
        return Value.nullOf(Type.BOOL);
    }

    private static Value reported(Value state, String name, String value) {
        return value == null ? state : state.withAttribute(name, Value.string(value));
    }

    /**
     * The power state to record when the instance is steadily somewhere, else null. ERROR is recorded
     * as {@code error}, so that a broken instance shows up in the next plan instead of hiding behind
     * the last good value.
     */
    static String steadyPowerState(Instance instance) {
        PowerState p = PowerState.of(instance.status());
        return p == PowerState.RUNNING || p == PowerState.STOPPED || p == PowerState.HIBERNATED
                || p == PowerState.ERROR ? p.value() : null;
    }

    @Override
    public void update(UpdateRequest request, StateResult result) {
        HyperstackClient client = context.client(result.diagnostics());
        if (client == null) {
            return;
        }
        Value plan = request.plan();
        Value prior = request.priorState();
        long id = InstanceId.parse(prior.attribute("id").asString());
        try {
            if (!plan.attribute("labels").equals(prior.attribute("labels"))) {
                Value labels = plan.attribute("labels");
                client.setLabels(id, labels.isNull() ? List.of() : strings(labels));
            }
            Instance instance;
            if (!plan.attribute("power_state").equals(prior.attribute("power_state"))) {
                instance = new PowerStateMachine(client).drive(id,
                        PowerState.parse(plan.attribute("power_state").asString()),
                        plan.attribute("retain_floating_ip").asBool(), TIMEOUTS.of(plan, "update"));
            } else {
                instance = client.getInstance(id);
            }
            result.state(succeededState(plan, instance));
        } catch (HyperstackException e) {
            Instance seen = lastSeen(client, null, e, id);
            result.state(seen == null ? prior : failedState(plan, seen, prior));
            result.diagnostics().addError("Cannot update instance " + id, e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest request, Diagnostics diagnostics) {
        HyperstackClient client = context.client(diagnostics);
        if (client == null) {
            return;
        }
        Value prior = request.priorState();
        long id = InstanceId.parse(prior.attribute("id").asString());
        try {
            try {
                client.deleteInstance(id);
            } catch (NotFoundException alreadyGone) {
                return;
            }
            client.statusWaiter().awaitGone(id, TIMEOUTS.of(prior, "delete"), client.cancellation());
        } catch (HyperstackException e) {
            diagnostics.addError("Cannot delete instance " + id, e.getMessage());
        }
    }

    @Override
    public void importState(String id, StateResult result) {
        Long parsed = InstanceId.tryParse(id);
        if (parsed == null) {
            result.diagnostics().addError("Invalid import id",
                    "Import " + TYPE + " by its numeric instance id, e.g. terraform import " + TYPE + ".example 4242; got \""
                            + id + "\".");
            return;
        }
        result.state(Value.empty(schema.type()).withAttribute("id", Value.string(Long.toString(parsed))));
    }

    /**
     * The state after a successful create or update: the plan, with every value it left unknown read
     * from the instance. Values the plan already knew are kept, so the result always agrees with it;
     * the next refresh reports anything that moved meanwhile.
     */
    private static Value succeededState(Value plan, Instance instance) {
        return PlannedValues.keepKnown(plan, failedState(plan, instance, plan));
    }

    /**
     * What exists, whatever the plan hoped for: the configured arguments with the instance's real
     * values, and its real power state when it is steady (else the one of {@code before}, so that the
     * next plan tries again).
     */
    private static Value failedState(Value plan, Instance instance, Value before) {
        Value s = EXPORTED.fill(plan, instance);
        s = s.withAttribute("id", Value.string(Long.toString(instance.id())));
        if (!s.attribute("image_name").isKnown()) {
            String image = instance.image() == null ? null : instance.image().name();
            s = s.withAttribute("image_name", image == null ? Value.nullOf(Type.STRING) : Value.string(image));
        }
        String power = steadyPowerState(instance);
        return s.withAttribute("power_state", power != null ? Value.string(power) : before.attribute("power_state"));
    }

    private static Instance lastSeen(HyperstackClient client, Instance fallback, HyperstackException e) {
        Instance seen = lastSeen(client, fallback, e, fallback.id());
        return seen == null ? fallback : seen;
    }

    /** The instance as it is now, or as last seen when the API cannot be asked (cancelled, failing). */
    private static Instance lastSeen(HyperstackClient client, Instance fallback, HyperstackException e, long id) {
        if (e instanceof PowerChangeException p) {
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

    static List<String> strings(Value set) {
        return set.elements().stream().map(Value::asString).sorted().toList();
    }
}
