package io.tfhyperstack.framework.server;

import io.tfhyperstack.e2e.thing.ThingResource;
import io.tfhyperstack.e2e.thing.ThingStore;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.provider.ConfigureRequest;
import io.tfhyperstack.framework.provider.Provider;
import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.resource.UpdateRequest;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderServerTest {
    @TempDir
    Path dir;

    private ThingResource thing;
    private ProviderServer server;
    private ObjectType type;

    @BeforeEach
    void setUp() {
        thing = new ThingResource(new ThingStore(dir.resolve("store")));
        server = new ProviderServer(provider(thing));
        type = thing.schema().type();
    }

    private Value config(Map<String, Value> attributes) {
        return Value.object(type, attributes);
    }

    @Test
    void createMarksComputedUnknownAndFillsDefaults() {
        Value config = config(Map.of("name", Value.string("a")));
        PlanOutcome plan = server.planResourceChange("hyperstack_test_thing", Value.nullOf(type), config, config);

        assertFalse(plan.diagnostics().hasErrors(), plan.diagnostics().toString());
        assertTrue(plan.plannedState().attribute("id").isUnknown());
        assertTrue(plan.plannedState().attribute("revision").isUnknown());
        assertEquals(Value.string("hello"), plan.plannedState().attribute("greeting"));
        assertTrue(plan.plannedState().attribute("size").isNull(), "optional, not computed: stays null");
        assertTrue(plan.requiresReplace().isEmpty());
    }

    @Test
    void updateKeepsStateForUnknownAndMarksMovingValuesUnknown() {
        Value prior = created(Map.of("name", Value.string("a"), "size", Value.number(1)));
        Value config = config(Map.of("name", Value.string("a"), "size", Value.number(2)));
        Value proposed = prior.withAttribute("size", Value.number(2));

        PlanOutcome plan = server.planResourceChange("hyperstack_test_thing", prior, proposed, config);

        assertEquals(prior.attribute("id"), plan.plannedState().attribute("id"), "use-state-for-unknown");
        assertTrue(plan.plannedState().attribute("revision").isUnknown(), "an update may move it");
        assertEquals(Value.string("hello"), plan.plannedState().attribute("greeting"), "default kept");
        assertTrue(plan.requiresReplace().isEmpty());
    }

    @Test
    void noChangePlansExactlyThePriorState() {
        Value prior = created(Map.of("name", Value.string("a")));
        Value config = config(Map.of("name", Value.string("a")));
        PlanOutcome plan = server.planResourceChange("hyperstack_test_thing", prior, prior, config);
        assertEquals(prior, plan.plannedState());
    }

    @Test
    void changingNameRequiresReplace() {
        Value prior = created(Map.of("name", Value.string("a")));
        Value config = config(Map.of("name", Value.string("b")));
        PlanOutcome plan = server.planResourceChange("hyperstack_test_thing", prior,
                prior.withAttribute("name", Value.string("b")), config);
        assertEquals(List.of(AttributePath.ROOT.attribute("name")), plan.requiresReplace());
    }

    @Test
    void validatorsRunOnKnownValuesOnly() {
        Diagnostics bad = server.validateResourceConfig("hyperstack_test_thing",
                config(Map.of("name", Value.string("x".repeat(21)))), ClientCapabilities.NONE);
        assertTrue(bad.hasErrors());
        assertEquals(AttributePath.ROOT.attribute("name"), bad.list().get(0).path());

        Diagnostics unknown = server.validateResourceConfig("hyperstack_test_thing",
                config(Map.of("name", Value.unknown(Type.STRING))), ClientCapabilities.NONE);
        assertFalse(unknown.hasErrors());
    }

    @Test
    void applyThatBreaksThePlanNamesTheAttribute() {
        Resource liar = new ThingResource(new ThingStore(dir.resolve("liar"))) {
            @Override
            public void update(UpdateRequest request, StateResult result) {
                super.update(request, result);
                result.state(result.state().withAttribute("size", Value.number(99)));
            }
        };
        ProviderServer s = new ProviderServer(provider(liar));
        Value prior = created(Map.of("name", Value.string("a"), "size", Value.number(1)));
        Value config = config(Map.of("name", Value.string("a"), "size", Value.number(2)));
        PlanOutcome plan = s.planResourceChange("hyperstack_test_thing", prior,
                prior.withAttribute("size", Value.number(2)), config);

        Outcome applied = s.applyResourceChange("hyperstack_test_thing", prior, plan.plannedState(), config);

        assertTrue(applied.diagnostics().hasErrors());
        assertEquals(AttributePath.ROOT.attribute("size"), applied.diagnostics().list().get(0).path());
        assertEquals(Value.number(99), applied.state().attribute("size"), "the real object is still recorded");
    }

    @Test
    void unknownLeftAfterApplyBecomesNullWithAnError() {
        Resource lazy = new ThingResource(new ThingStore(dir.resolve("lazy"))) {
            @Override
            public void create(CreateRequest request, StateResult result) {
                result.state(request.plan().withAttribute("id", Value.string("x")));
            }
        };
        ProviderServer s = new ProviderServer(provider(lazy));
        Value config = config(Map.of("name", Value.string("a")));
        PlanOutcome plan = s.planResourceChange("hyperstack_test_thing", Value.nullOf(type), config, config);

        Outcome applied = s.applyResourceChange("hyperstack_test_thing", Value.nullOf(type), plan.plannedState(), config);

        assertTrue(applied.diagnostics().hasErrors());
        assertEquals(AttributePath.ROOT.attribute("revision"), applied.diagnostics().list().get(0).path());
        assertTrue(applied.state().isWhollyKnown());
        assertEquals(Value.string("x"), applied.state().attribute("id"), "partial state kept");
    }

    @Test
    void failedCreateThatMadeAnObjectKeepsIt() {
        Resource half = new ThingResource(new ThingStore(dir.resolve("half"))) {
            @Override
            public void create(CreateRequest request, StateResult result) {
                super.create(request, result);
                result.diagnostics().addError("Wait failed", "instance thing-1 landed in ERROR");
            }
        };
        ProviderServer s = new ProviderServer(provider(half));
        Value config = config(Map.of("name", Value.string("a")));
        PlanOutcome plan = s.planResourceChange("hyperstack_test_thing", Value.nullOf(type), config, config);
        Outcome applied = s.applyResourceChange("hyperstack_test_thing", Value.nullOf(type), plan.plannedState(), config);
        assertTrue(applied.diagnostics().hasErrors());
        assertFalse(applied.state().isNull());
        assertEquals(Value.string("thing-1"), applied.state().attribute("id"));
    }

    @Test
    void exceptionInResourceBecomesDiagnostic() {
        Resource broken = new ThingResource(new ThingStore(dir.resolve("broken"))) {
            @Override
            public void create(CreateRequest request, StateResult result) {
                throw new IllegalStateException("boom");
            }
        };
        ProviderServer s = new ProviderServer(provider(broken));
        Value config = config(Map.of("name", Value.string("a")));
        PlanOutcome plan = s.planResourceChange("hyperstack_test_thing", Value.nullOf(type), config, config);
        Outcome applied = s.applyResourceChange("hyperstack_test_thing", Value.nullOf(type), plan.plannedState(), config);
        assertTrue(applied.diagnostics().hasErrors());
        assertTrue(applied.diagnostics().list().get(0).detail().contains("boom"));
        assertFalse(applied.diagnostics().list().get(0).detail().contains("IllegalStateException"),
                "a Java class name means nothing to a Terraform user: " + applied.diagnostics());
        assertTrue(applied.state().isNull());
    }

    @Test
    void upgradeReadsJsonStateMissingNewAttributes() {
        String json = "{\"id\":\"thing-7\",\"name\":\"a\",\"size\":1.5,\"greeting\":\"hi\",\"tags\":[\"x\"],"
                + "\"revision\":3,\"secret\":null,\"settings\":null}";
        Outcome o = server.upgradeResourceState("hyperstack_test_thing", 0, json.getBytes(StandardCharsets.UTF_8));
        assertFalse(o.diagnostics().hasErrors(), o.diagnostics().toString());
        assertEquals(Value.string("thing-7"), o.state().attribute("id"));
        assertEquals(0, new java.math.BigDecimal("1.5").compareTo(o.state().attribute("size").asNumber()));
    }

    @Test
    void stateFromANewerSchemaIsRefused() {
        Outcome o = server.upgradeResourceState("hyperstack_test_thing", 3, "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(o.diagnostics().hasErrors());
        assertTrue(o.diagnostics().list().get(0).detail().contains("schema version 3"), o.diagnostics().toString());
    }

    @Test
    void stopSignalReachesListeners() {
        boolean[] heard = {false};
        server.stopSignal().onStop(() -> heard[0] = true);
        server.stop();
        assertTrue(heard[0]);
        assertTrue(server.stopSignal().isStopped());
    }

    private Value created(Map<String, Value> attributes) {
        Map<String, Value> all = new HashMap<>(attributes);
        all.put("id", Value.string("thing-1"));
        all.put("greeting", Value.string("hello"));
        all.put("revision", Value.number(1));
        return config(all);
    }

    static Provider provider(Resource resource) {
        return new Provider() {
            @Override
            public String typeName() {
                return "hyperstack";
            }

            @Override
            public Schema schema() {
                return Schema.of(Block.of(List.of(Attribute.builder("x").type(Type.STRING).optional()
                        .description("x").build())));
            }

            @Override
            public void configure(ConfigureRequest request, Diagnostics diagnostics) {
            }

            @Override
            public List<Resource> resources() {
                return List.of(resource);
            }

            @Override
            public List<DataSource> dataSources() {
                return List.of();
            }
        };
    }
}
