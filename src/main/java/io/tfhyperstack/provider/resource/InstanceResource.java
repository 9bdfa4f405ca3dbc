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
import io.tfhyperstack.framework.validator.ConfigValidator;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.NotFoundException;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code hyperstack_instance}: the whole life of one instance, including its power state. What the
 * configuration fixes at creation (name, environment, flavor, key, image, public IP, user data)
 * replaces the instance when changed; labels and power state change in place.
 */
public final class InstanceResource extends InstanceBackedResource {
    static final String TYPE = "hyperstack_instance";
    private static final ExportedFields EXPORTED = new ExportedFields(List.of("status", "vm_state", "fixed_ip",
            "floating_ip", "floating_ip_status", "region", "created_at", "cpu", "ram", "gpu", "gpu_count"));
    private static final Timeouts TIMEOUTS = new Timeouts(Map.of(
            "create", Duration.ofMinutes(20), "update", Duration.ofMinutes(20), "delete", Duration.ofMinutes(10)));

    public InstanceResource(ProviderContext context) {
        this(context, PortWait.system());
    }

    InstanceResource(ProviderContext context, PortWait portWait) {
        super(TYPE, Schema.of(schemaBlock()), context, portWait);
    }

    private static Block schemaBlock() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.builder(InstanceModel.ID).type(Type.STRING).computed()
                .planModifier(UseStateForUnknown.INSTANCE)
                .description("The instance's id, an integer written in decimal. Import takes this id.").build());
        attributes.add(Attribute.builder(InstanceModel.NAME).type(Type.STRING).required()
                .validator(StringValidators.lengthBetween(1, CreateInstanceRequest.MAX_NAME_LENGTH))
                .planModifier(RequiresReplace.INSTANCE)
                .description("The instance's name, unique within its environment.").build());
        attributes.add(replacing(InstanceModel.ENVIRONMENT_NAME, "The environment (and so the region) to create it in."));
        attributes.add(replacing(InstanceModel.FLAVOR_NAME, "The flavor (machine size), e.g. `n3-A100x1`."));
        attributes.add(replacing(InstanceModel.KEY_NAME, "The SSH key pair of the environment to install."));
        attributes.add(Attribute.builder(InstanceModel.IMAGE_NAME).type(Type.STRING).optionalComputed()
                .planModifier(UseStateForUnknown.INSTANCE).planModifier(RequiresReplace.INSTANCE)
                .description("The operating system image, e.g. `Ubuntu Server 22.04 LTS`. When unset, the API "
                        + "chooses and the value it reports is kept.").build());
        attributes.add(Attribute.builder(InstanceModel.ASSIGN_FLOATING_IP).type(Type.BOOL).optionalComputed()
                .defaultValue(Value.bool(false)).planModifier(RequiresReplaceOnceKnown.INSTANCE)
                .description("Whether the instance gets a public IP. Defaults to `false`. The API does not report "
                        + "it: an import reads it as `true` when the instance has a public IP, as `false` when a "
                        + "running or stopped instance has none, and otherwise (hibernated, in transition) adopts "
                        + "the configured value without replacing the instance.").build());
        attributes.add(Attribute.builder(InstanceModel.USER_DATA).type(Type.STRING).optional()
                .planModifier(RequiresReplaceOnceKnown.INSTANCE)
                .description("cloud-init user data run at first boot. Changing it replaces the instance. The API never "
                        + "reports it back, so drift is "
                        + "not detected, and after an import the configured value is adopted without replacing "
                        + "the instance.").build());
        attributes.addAll(UserDataWriteOnly.attributes());
        attributes.add(Attribute.builder(InstanceModel.LABELS).type(Type.set(Type.STRING)).optional()
                .description("Labels of the instance; changed in place.").build());
        attributes.add(Attribute.builder(InstanceModel.POWER_STATE).type(Type.STRING).optionalComputed()
                .defaultValue(Value.string("running")).validator(StringValidators.oneOf(PowerState.SETTABLE))
                .description("The wanted power: `running` (default), `stopped` or `hibernated`. Changed in place "
                        + "(stop, start, hibernate, restore). An instance stopped or hibernated outside Terraform "
                        + "shows up as a change back to this value.").build());
        attributes.add(PowerAttributes.retainFloatingIp());
        attributes.add(PowerAttributes.waitForPort());
        attributes.addAll(EXPORTED.attributes());
        return new Block(attributes, List.of(TIMEOUTS.block()),
                "A HyperStack instance (virtual machine), from creation to deletion, including its power state. "
                        + "Import with the instance id. Not reported by the API, and so adopted from the "
                        + "configuration after an import: `user_data`, `user_data_wo_version`, `assign_floating_ip` (when a hibernated or "
                        + "changing instance has no public IP), `retain_floating_ip` and `timeouts`.", false);
    }

    @Override
    public List<ConfigValidator> configValidators() {
        return List.of(UserDataWriteOnly.CONFLICT);
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
    void create(HyperstackClient client, CreateRequest request, StateResult result) {
        Value plan = request.plan();
        InstanceModel planned = InstanceModel.of(plan);
        long started = portWait.now();
        Duration timeout = TIMEOUTS.of(planned.timeouts(), "create");
        Instance instance;
        try {
            // The call's retries fit in the create timeout too, not only the wait after it.
            instance = client.createInstance(createRequest(planned, request.config()), timeout);
        } catch (HyperstackException e) {
            result.diagnostics().addError("Cannot create instance " + planned.name(), e.getMessage());
            return;
        }
        // From here on the instance exists: whatever fails, it is kept in state (Terraform taints it).
        result.state(createdState(plan, planned, instance));
        PowerState wanted = PowerState.parse(planned.powerState());
        try {
            // One budget for the whole create: the call (and its retries) already spent part of it.
            instance = client.statusWaiter().awaitStatus(instance.id(), InstanceStatus.ACTIVE, portWait.left(timeout, started),
                    client.cancellation());
            result.state(createdState(plan, planned, instance));
            instance = new PowerStateMachine(client).drive(instance, wanted, planned.retainFloatingIp(),
                    portWait.left(timeout, started));
            result.state(PlannedValues.keepKnown(plan, createdState(plan, planned, instance)));
            awaitPort(client, planned.waitForPort(), wanted, instance.id(), PortWait.addressOf(instance), "create",
                    started, timeout);
        } catch (HyperstackException e) {
            Instance seen = current(client, instance.id(), e, instance);
            result.state(createdState(plan, planned, seen));
            result.diagnostics().addError(failureSummary(e, seen.id(), planned.waitForPort(),
                            "Instance " + seen.id() + " was created but did not become " + wanted.value()),
                    e.getMessage() + " The instance is kept in state as tainted, so the next apply replaces it; "
                            + "or remove it from state with terraform state rm.");
        }
    }

    private static CreateInstanceRequest createRequest(InstanceModel planned, Value config) {
        CreateInstanceRequest.Builder b = CreateInstanceRequest.builder()
                .name(planned.name())
                .environmentName(planned.environmentName())
                .flavorName(planned.flavorName())
                .keyName(planned.keyName())
                .assignFloatingIp(planned.assignFloatingIp());
        if (planned.imageName() != null) {
            b.imageName(planned.imageName());
        }
        if (planned.userData() != null) {
            b.userData(planned.userData());
        }
        UserDataWriteOnly.value(config).ifPresent(b::userData);
        if (planned.labels() != null) {
            b.labels(planned.labels());
        }
        return b.build();
    }

    @Override
    long instanceId(Value state) {
        return InstanceModel.of(state).instanceId();
    }

    @Override
    String whenGone() {
        return "It was deleted outside Terraform and is removed from state; the next plan creates it again.";
    }

    /**
     * The prior state brought up to date. The API's arguments replace the prior ones where it reports
     * them (drift shows as a change); the power state follows the status once it is steady; what the API
     * never reports keeps its prior value, and an import (no prior name) gets defaults.
     */
    @Override
    Value refreshed(Value prior, Instance instance) {
        InstanceModel p = InstanceModel.of(prior);
        boolean imported = p.name() == null;
        String power = steadyPowerState(instance);
        List<String> labels = instance.labels().isEmpty() && p.labels() == null ? null
                : instance.labels().stream().distinct().sorted().toList();
        InstanceModel now = new InstanceModel(Long.toString(instance.id()),
                reported(instance.name(), p.name()),
                reported(instance.environmentName(), p.environmentName()),
                reported(instance.flavor() == null ? null : instance.flavor().name(), p.flavorName()),
                reported(instance.keypair() == null ? null : instance.keypair().name(), p.keyName()),
                reported(imageOf(instance), p.imageName()),
                imported ? importedFloatingIpSetting(instance, power) : p.assignFloatingIp(),
                p.userData(), labels,
                power != null ? power : p.powerState(),
                imported ? Boolean.TRUE : p.retainFloatingIp(),
                p.waitForPort(), p.timeouts());
        return EXPORTED.fill(now.writeTo(prior), instance);
    }

    /**
     * What an import can honestly say of assign_floating_ip, which the API does not report: a public IP
     * means true; none on an instance that keeps its IP when it has one (running or stopped) means false;
     * a hibernated or moving instance may have given its IP back, so nothing is said (null), and the
     * configured value is adopted.
     */
    private static Boolean importedFloatingIpSetting(Instance instance, String power) {
        if (instance.floatingIp() != null) {
            return true;
        }
        if ("running".equals(power) || "stopped".equals(power)) {
            return false;
        }
        return null;
    }

    private static String reported(String reported, String prior) {
        return reported == null ? prior : reported;
    }

    private static String imageOf(Instance instance) {
        return instance.image() == null ? null : instance.image().name();
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
    void update(HyperstackClient client, UpdateRequest request, StateResult result) {
        long started = portWait.now();
        Value plan = request.plan();
        InstanceModel planned = InstanceModel.of(plan);
        InstanceModel prior = InstanceModel.of(request.priorState());
        long id = prior.instanceId();
        Duration timeout = TIMEOUTS.of(planned.timeouts(), "update");
        PowerState wanted = PowerState.parse(planned.powerState());
        try {
            String address;
            if (onlyLocalChanges(request.priorState(), plan)) {
                result.state(plan);
                address = ExportedFields.address(plan);
            } else {
                if (!Objects.equals(planned.labels(), prior.labels())) {
                    client.setLabels(id, planned.labels() == null ? List.of() : planned.labels());
                }
                Instance instance;
                if (!Objects.equals(planned.powerState(), prior.powerState())) {
                    instance = new PowerStateMachine(client).drive(id, wanted, planned.retainFloatingIp(),
                            portWait.left(timeout, started));
                } else {
                    instance = client.getInstance(id);
                }
                result.state(PlannedValues.keepKnown(plan, stateOf(plan, planned, instance, planned.powerState())));
                address = PortWait.addressOf(instance);
            }
            awaitPort(client, planned.waitForPort(), wanted, id, address, "update", started, timeout);
        } catch (HyperstackException e) {
            Instance seen = current(client, id, e, null);
            result.state(seen == null ? request.priorState() : stateOf(plan, planned, seen, prior.powerState()));
            result.diagnostics().addError(failureSummary(e, id, planned.waitForPort(), "Cannot update instance " + id),
                    e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest request, Diagnostics diagnostics) {
        HyperstackClient client = client(diagnostics);
        if (client == null) {
            return;
        }
        InstanceModel prior = InstanceModel.of(request.priorState());
        long id = prior.instanceId();
        try {
            try {
                client.deleteInstance(id);
            } catch (NotFoundException alreadyGone) {
                return;
            }
            client.statusWaiter().awaitGone(id, TIMEOUTS.of(prior.timeouts(), "delete"), client.cancellation());
        } catch (HyperstackException e) {
            diagnostics.addError("Cannot delete instance " + id, e.getMessage());
        }
    }

    @Override
    Value imported(long id) {
        return Value.empty(schema().type()).withAttribute(InstanceModel.ID, Value.string(Long.toString(id)));
    }

    /**
     * The state of a created instance: as {@link #stateOf}, with the image the API chose when the
     * configuration left it open.
     */
    private static Value createdState(Value plan, InstanceModel planned, Instance instance) {
        InstanceModel withImage = planned.imageName() != null ? planned
                : planned.with(planned.id(), imageOf(instance), planned.powerState());
        return stateOf(plan, withImage, instance, planned.powerState());
    }

    /**
     * What exists, whatever the plan hoped for: the planned arguments with the instance's real values,
     * and its real power state when it is steady (else {@code powerBefore}, so that the next plan tries
     * again). A successful apply keeps, on top of this, every value the plan knew.
     */
    private static Value stateOf(Value plan, InstanceModel planned, Instance instance, String powerBefore) {
        String power = steadyPowerState(instance);
        InstanceModel now = planned.with(Long.toString(instance.id()), planned.imageName(),
                power != null ? power : powerBefore);
        return EXPORTED.fill(now.writeTo(plan), instance);
    }
}
