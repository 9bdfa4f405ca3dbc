package io.tfhyperstack.provider.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.planmodifier.PlanModifierRequest;
import io.tfhyperstack.framework.planmodifier.PlanModifierResponse;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.provider.ProviderContext;
import org.junit.jupiter.api.Test;

/** What a plan shows for the values that move with power, and when user_data replaces. */
class PowerPlanTest {
    private final InstanceResource resource = new InstanceResource(new ProviderContext());

    private Value prior(String power, String status, String ip) {
        return Value.empty(resource.schema().type())
                .withAttribute("power_state", Value.string(power))
                .withAttribute("retain_floating_ip", Value.bool(true))
                .withAttribute("status", Value.string(status))
                .withAttribute("vm_state", Value.string("active"))
                .withAttribute("floating_ip", ip == null ? Value.nullOf(Type.STRING) : Value.string(ip))
                .withAttribute("floating_ip_status", Value.string("ATTACHED"));
    }

    /** The engine's plan on update: the moving values unknown, then our adjustment. */
    private Value plan(Value prior, String power, boolean retain) {
        Value p = prior.withAttribute("power_state", Value.string(power))
                .withAttribute("retain_floating_ip", Value.bool(retain));
        for (String name : ExportedFields.MOVING) {
            p = p.withAttribute(name, Value.unknown(Type.STRING));
        }
        return PowerPlan.adjust(prior, p);
    }

    @Test
    void noPowerChangeKeepsEverythingKnown() {
        Value prior = prior("running", "ACTIVE", "198.18.0.1");
        Value planned = plan(prior, "running", true);
        for (String name : ExportedFields.MOVING) {
            assertEquals(prior.attribute(name), planned.attribute(name), name);
        }
    }

    @Test
    void aPowerChangeMakesStatusUnknownButKeepsARetainedIp() {
        Value prior = prior("running", "ACTIVE", "198.18.0.1");
        Value planned = plan(prior, "hibernated", true);
        assertTrue(planned.attribute("status").isUnknown());
        assertTrue(planned.attribute("vm_state").isUnknown());
        assertTrue(planned.attribute("floating_ip_status").isUnknown());
        assertEquals(Value.string("198.18.0.1"), planned.attribute("floating_ip"));
        assertEquals(Value.string("198.18.0.1"), plan(prior, "stopped", false).attribute("floating_ip"));
    }

    @Test
    void aReleasedOrMissingIpIsUnknown() {
        assertTrue(plan(prior("running", "ACTIVE", "198.18.0.1"), "hibernated", false)
                .attribute("floating_ip").isUnknown());
        assertTrue(plan(prior("hibernated", "HIBERNATED", null), "running", true).attribute("floating_ip").isUnknown());
    }

    @Test
    void aPriorStatusInTransitionIsUnknownEvenWithoutPowerChange() {
        Value planned = plan(prior("running", "STOPPING", "198.18.0.1"), "running", true);
        assertTrue(planned.attribute("status").isUnknown());
    }

    @Test
    void userDataReplacesOnlyOnceKnown() {
        AttributePath path = AttributePath.root("user_data");
        Value wanted = Value.string("#cloud-config");
        PlanModifierResponse adopted = new PlanModifierResponse(wanted);
        RequiresReplaceOnceKnown.INSTANCE.modify(
                new PlanModifierRequest(path, wanted, Value.nullOf(Type.STRING), wanted, false), adopted);
        assertFalse(adopted.requiresReplace(), "after an import the value is adopted");

        PlanModifierResponse changed = new PlanModifierResponse(wanted);
        RequiresReplaceOnceKnown.INSTANCE.modify(
                new PlanModifierRequest(path, wanted, Value.string("#old"), wanted, false), changed);
        assertTrue(changed.requiresReplace());
    }
}
