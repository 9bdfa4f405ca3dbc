package io.tfhyperstack.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.diag.Diagnostic;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.server.Outcome;
import io.tfhyperstack.framework.server.ProviderServer;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.simulator.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both data sources through the framework's engine, as Terraform drives them, against the simulator. */
class InstanceDataSourcesTest {
    static Simulator sim;
    ProviderServer server;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(50)).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void configure() {
        server = new ProviderServer(new HyperstackProvider());
        ObjectType type = server.providerSchema().type();
        Diagnostics d = server.configureProvider(Value.object(type, Map.of(
                "api_key", Value.string(sim.apiKey()), "api_address", Value.string(sim.baseUrl()))), "1.11.4");
        assertTrue(!d.hasErrors(), d.toString());
        sim.resetStats();
    }

    Value config(String typeName, Map<String, Value> attributes) {
        return Value.object(server.dataSourceSchema(typeName).type(), attributes);
    }

    Value single(Map<String, Value> attributes) {
        return config("hyperstack_instance", attributes);
    }

    @Test
    void invalidLookupsFailValidationWithoutRequests() {
        assertError(server.validateDataSourceConfig("hyperstack_instance", single(Map.of())), "Missing lookup argument");
        assertError(server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("name", Value.string("a"), "ip", Value.string("10.0.0.1")))), "Conflicting lookup arguments");
        assertError(server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("ip", Value.string("10.0.0.300")))), "Invalid IP address");
        assertError(server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("name", Value.string("")))), "Invalid length");
        assertError(server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("name", Value.string("x".repeat(51))))), "Invalid length");
        assertError(server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("id", Value.string("01006")))), "Invalid instance id");
        assertError(server.validateDataSourceConfig("hyperstack_instances",
                config("hyperstack_instances", Map.of("name_regex", Value.string("(")))), "Invalid regular expression");
        assertError(server.validateDataSourceConfig("hyperstack_instances",
                config("hyperstack_instances", Map.of("power_states",
                        Value.set(Type.STRING, List.of(Value.string("on")))))), "Invalid value");
        assertEquals(0, sim.stats().total());
    }

    @Test
    void unknownLookupArgumentsPassValidation() {
        Diagnostics d = server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("ip", Value.unknown(Type.STRING))));
        assertTrue(!d.hasErrors(), d.toString());
        // var.ip == null ? var.name : null while variables are unknown: either may turn out null
        d = server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("ip", Value.unknown(Type.STRING), "name", Value.unknown(Type.STRING))));
        assertTrue(!d.hasErrors(), d.toString());
        d = server.validateDataSourceConfig("hyperstack_instance",
                single(Map.of("ip", Value.unknown(Type.STRING), "name", Value.string("web-1"))));
        assertTrue(!d.hasErrors(), d.toString());
    }

    @Test
    void readByNameExportsEverything() {
        Outcome o = server.readDataSource("hyperstack_instance", single(Map.of("name", Value.string("web-1"))));
        assertTrue(!o.diagnostics().hasErrors(), o.diagnostics().toString());
        Value s = o.state();
        assertEquals(Value.string("1001"), s.attribute("id"));
        assertEquals(Value.string("demo-canada"), s.attribute("environment_name"));
        assertEquals(Value.string("CANADA-1"), s.attribute("region"));
        assertEquals(Value.string("running"), s.attribute("power_state"));
        assertEquals(Value.string("203.0.113.11"), s.attribute("floating_ip"));
        assertEquals(Value.set(Type.STRING, List.of(Value.string("web"), Value.string("team-a"))), s.attribute("labels"));
        assertTrue(s.attribute("ip").isNull());
    }

    @Test
    void readByIdKeepsTheConfiguredString() {
        Outcome o = server.readDataSource("hyperstack_instance", single(Map.of("id", Value.string("1003"))));
        assertTrue(!o.diagnostics().hasErrors(), o.diagnostics().toString());
        assertEquals(Value.string("1003"), o.state().attribute("id"));
        assertEquals(Value.string("stopped"), o.state().attribute("power_state"));
        assertTrue(o.state().attribute("floating_ip").isNull(), "no public IP: null, not invented");
    }

    @Test
    void pluralFilters() {
        assertEquals(List.of("1001", "1002", "1003", "1004", "1005", "1006", "1007"), ids(Map.of()));
        assertEquals(List.of("1005", "1007"), ids(Map.of("environment_name", Value.string("demo-norway"))));
        assertEquals(List.of("1004", "1005"), ids(Map.of("name_regex", Value.string("-hibernated$"))));
        assertEquals(List.of("1003", "1004", "1005"), ids(Map.of("power_states",
                Value.set(Type.STRING, List.of(Value.string("stopped"), Value.string("hibernated"))))));
        assertEquals(List.of("1001", "1002"), ids(Map.of("labels",
                Value.set(Type.STRING, List.of(Value.string("web"), Value.string("team-a"))))));
        assertEquals(List.of(), ids(Map.of("labels", Value.set(Type.STRING, List.of(Value.string("web"),
                Value.string("batch"))))));
        Map<String, Value> combined = new HashMap<>();
        combined.put("environment_name", Value.string("demo-canada"));
        combined.put("name_regex", Value.string("^worker$"));
        assertEquals(List.of("1006"), ids(combined));
        assertEquals(1, sim.stats().total(), "all reads share one listing");
    }

    @Test
    void pluralExportsCountAndObjects() {
        Outcome o = server.readDataSource("hyperstack_instances",
                config("hyperstack_instances", Map.of("name_regex", Value.string("^web-"))));
        assertTrue(!o.diagnostics().hasErrors(), o.diagnostics().toString());
        assertEquals(Value.number(2), o.state().attribute("instance_count"));
        Value first = o.state().attribute("instances").elements().get(0);
        assertEquals(Value.string("web-1"), first.attribute("name"));
        assertEquals(Value.string("n3-L40x1"), first.attribute("flavor_name"));
        assertTrue(o.state().isWhollyKnown());
    }

    private List<String> ids(Map<String, Value> filters) {
        Outcome o = server.readDataSource("hyperstack_instances", config("hyperstack_instances", filters));
        assertTrue(!o.diagnostics().hasErrors(), o.diagnostics().toString());
        return o.state().attribute("ids").elements().stream().map(Value::asString).toList();
    }

    private static void assertError(Diagnostics d, String summary) {
        List<String> summaries = new ArrayList<>();
        for (Diagnostic x : d) {
            summaries.add(x.summary());
        }
        assertTrue(summaries.contains(summary), "expected " + summary + " in " + summaries);
    }
}
