package io.tfhyperstack.framework.server;

import io.tfhyperstack.e2e.thing.ThingResource;
import io.tfhyperstack.e2e.thing.ThingStore;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostic;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.PlanModifyingResource;
import io.tfhyperstack.framework.resource.ModifyPlanRequest;
import io.tfhyperstack.framework.resource.ModifyPlanResponse;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-only attributes in the engine: the resource gets the value from the configuration, while
 * every plan and state that leaves the engine holds null for it, even from a resource (the test thing)
 * that copies the value into its state.
 */
class WriteOnlyTest {
    private static final String TYPE = "hyperstack_test_thing";
    private static final Value TOKEN = Value.string("tok-3141");

    @TempDir
    Path dir;

    private ThingStore store;
    private ProviderServer server;
    private ObjectType type;

    @BeforeEach
    void setUp() {
        store = new ThingStore(dir.resolve("store"));
        ThingResource thing = new ThingResource(store);
        server = new ProviderServer(ProviderServerTest.provider(thing));
        type = thing.schema().type();
    }

    private Value config(Map<String, Value> attributes) {
        return Value.object(type, attributes);
    }

    private Value withToken(Value token) {
        return config(Map.of("name", Value.string("a"), "token_wo", token, "token_wo_version", Value.number(1)));
    }

    @Test
    void createGetsTheValueFromTheConfigurationButNeitherPlanNorStateHoldsIt() {
        Value config = withToken(TOKEN);
        PlanOutcome plan = server.planResourceChange(TYPE, Value.nullOf(type), config, config);
        assertFalse(plan.diagnostics().hasErrors(), plan.diagnostics().toString());
        assertTrue(plan.plannedState().attribute("token_wo").isNull(), "planned: " + plan.plannedState());
        assertEquals(Value.number(1), plan.plannedState().attribute("token_wo_version"));

        Outcome applied = server.applyResourceChange(TYPE, Value.nullOf(type), plan.plannedState(), config);
        assertFalse(applied.diagnostics().hasErrors(), applied.diagnostics().toString());
        assertTrue(applied.state().attribute("token_wo").isNull(), "the thing handed it back; the engine must drop it");
        String id = applied.state().attribute("id").asString();
        assertEquals("tok-3141", store.receivedToken(id));

        Outcome read = server.readResource(TYPE, applied.state());
        assertTrue(read.state().attribute("token_wo").isNull(), "the store has it; a read must not return it");
    }

    @Test
    void aChangedValueAloneChangesNothing() {
        Value prior = created(withToken(TOKEN));
        Value config = withToken(Value.string("another-token"));
        // Terraform proposes the configured value for a non-computed attribute
        PlanOutcome plan = server.planResourceChange(TYPE, prior,
                prior.withAttribute("token_wo", Value.string("another-token")), config);
        assertFalse(plan.diagnostics().hasErrors(), plan.diagnostics().toString());
        assertEquals(prior, plan.plannedState(), "no diff: computed values stay as they were");
        assertTrue(plan.requiresReplace().isEmpty());
    }

    @Test
    void changingTheVersionReplaces() {
        Value prior = created(withToken(TOKEN));
        Value config = withToken(TOKEN).withAttribute("token_wo_version", Value.number(2));
        PlanOutcome plan = server.planResourceChange(TYPE, prior, prior.withAttribute("token_wo_version", Value.number(2))
                .withAttribute("token_wo", TOKEN), config);
        assertFalse(plan.diagnostics().hasErrors(), plan.diagnostics().toString());
        assertEquals(List.of(AttributePath.ROOT.attribute("token_wo_version")), plan.requiresReplace());
        assertTrue(plan.plannedState().attribute("token_wo").isNull());
    }

    @Test
    void updateGetsTheValueToo() {
        Value prior = created(withToken(TOKEN));
        Value config = withToken(Value.string("tok-2")).withAttribute("size", Value.number(5));
        Value proposed = prior.withAttribute("size", Value.number(5)).withAttribute("token_wo", Value.string("tok-2"));
        PlanOutcome plan = server.planResourceChange(TYPE, prior, proposed, config);
        Outcome applied = server.applyResourceChange(TYPE, prior, plan.plannedState(), config);
        assertFalse(applied.diagnostics().hasErrors(), applied.diagnostics().toString());
        assertTrue(applied.state().attribute("token_wo").isNull());
        assertEquals("tok-2", store.receivedToken("thing-1"));
    }

    @Test
    void aModifierThatPlansTheValueIsOverruled() {
        ThingResource planning = new PlanningThing(new ThingStore(dir.resolve("planning")));
        ProviderServer s = new ProviderServer(ProviderServerTest.provider(planning));
        Value config = withToken(TOKEN);
        PlanOutcome plan = s.planResourceChange(TYPE, Value.nullOf(type), config, config);
        assertFalse(plan.diagnostics().hasErrors(), plan.diagnostics().toString());
        assertTrue(plan.plannedState().attribute("token_wo").isNull());
    }

    @Test
    void storedStateNeverBringsItBack() {
        String json = "{\"id\":\"thing-7\",\"name\":\"a\",\"token_wo\":\"tok-old\",\"revision\":3}";
        Outcome o = server.upgradeResourceState(TYPE, 0, json.getBytes(StandardCharsets.UTF_8));
        assertFalse(o.diagnostics().hasErrors(), o.diagnostics().toString());
        assertTrue(o.state().attribute("token_wo").isNull());
    }

    @Test
    void aClientWithoutSupportGetsAnErrorOnTheAttribute() {
        Diagnostics refused = server.validateResourceConfig(TYPE, withToken(TOKEN), ClientCapabilities.NONE);
        assertEquals(1, refused.list().size(), refused.toString());
        Diagnostic d = refused.list().get(0);
        assertEquals(AttributePath.ROOT.attribute("token_wo"), d.path());
        assertTrue(d.detail().contains("Terraform 1.11"), d.detail());
        assertFalse(d.detail().contains("tok-3141"), "the value is never repeated");

        Diagnostics unknown = server.validateResourceConfig(TYPE, withToken(Value.unknown(Type.STRING)),
                ClientCapabilities.NONE);
        assertTrue(unknown.hasErrors(), "an unknown value will be set: refused too");

        assertFalse(server.validateResourceConfig(TYPE, withToken(Value.nullOf(Type.STRING)), ClientCapabilities.NONE)
                .hasErrors(), "unset is fine");
        assertFalse(server.validateResourceConfig(TYPE, withToken(TOKEN), new ClientCapabilities(true)).hasErrors());
    }

    @Test
    void schemaRulesRefuseWhatTerraformWould() {
        assertThrows(IllegalStateException.class, () -> Attribute.builder("x").type(Type.STRING).optionalComputed()
                .writeOnly().build());
        Attribute wo = Attribute.builder("x").type(Type.STRING).optional().writeOnly().build();
        assertThrows(IllegalArgumentException.class, () -> new io.tfhyperstack.framework.schema.NestedBlock("b",
                io.tfhyperstack.framework.schema.NestingMode.SET, Block.of(List.of(wo)), 0, 0));
        assertThrows(IllegalStateException.class, () -> Attribute.builder("n").optional()
                .nested(new Attribute.NestedAttributes(io.tfhyperstack.framework.schema.NestingMode.SET, List.of(wo)))
                .build());
        DataSource source = new DataSource() {
            @Override
            public String typeName() {
                return "hyperstack_wo";
            }

            @Override
            public Schema schema() {
                return Schema.of(Block.of(List.of(wo)));
            }

            @Override
            public void read(Value config, StateResult result) {
            }
        };
        var provider = new io.tfhyperstack.framework.provider.Provider() {
            @Override
            public String typeName() {
                return "hyperstack";
            }

            @Override
            public Schema schema() {
                return Schema.of(Block.of(List.of()));
            }

            @Override
            public void configure(io.tfhyperstack.framework.provider.ConfigureRequest request, Diagnostics diagnostics) {
            }

            @Override
            public List<io.tfhyperstack.framework.resource.Resource> resources() {
                return List.of();
            }

            @Override
            public List<DataSource> dataSources() {
                return List.of(source);
            }
        };
        assertThrows(IllegalStateException.class, () -> new ProviderServer(provider));
    }

    private Value created(Value config) {
        Map<String, Value> all = new HashMap<>(config.entries());
        all.put("id", Value.string("thing-1"));
        all.put("greeting", Value.string("hello"));
        all.put("revision", Value.number(1));
        all.put("token_wo", Value.nullOf(Type.STRING));
        return Value.object(type, all);
    }

    /** A resource whose whole-plan adjustment copies the configured token into the plan. */
    private static final class PlanningThing extends ThingResource implements PlanModifyingResource {
        PlanningThing(ThingStore store) {
            super(store);
        }

        @Override
        public void modifyPlan(ModifyPlanRequest request, ModifyPlanResponse response) {
            response.plan(response.plan().withAttribute("token_wo", request.config().attribute("token_wo")));
        }
    }
}
