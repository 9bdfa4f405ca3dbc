package io.tfhyperstack.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.model.Instance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceAttributesTest {
    static final Instance FULL = new Instance(4242, "worker", "SHUTOFF", "SHUTDOWN", "stopped", "Ubuntu",
            "10.0.0.5", "38.80.1.2", "ATTACHED", false, "2026-01-10T08:00:00", List.of("b", "a"),
            new Instance.EnvironmentRef(101L, "demo-canada", 1L, "CANADA-1"),
            new Instance.ImageRef("Ubuntu Server 22.04 LTS"), new Instance.KeypairRef("demo-key"),
            new Instance.Flavor(95L, "n3-A100x1", 28, 120.0, 100, 750, "A100-80G-PCIe", 1));

    @Test
    void everyExportedNameIsReadFromTheInstance() {
        Value v = InstanceAttributes.toObject(InstanceAttributes.objectType(), FULL);
        assertEquals(Value.string("4242"), v.attribute("id"));
        assertEquals(Value.string("stopped"), v.attribute("power_state"));
        assertEquals(Value.string("SHUTOFF"), v.attribute("status"));
        assertEquals(Value.string("CANADA-1"), v.attribute("region"));
        assertEquals(Value.number(120), v.attribute("ram"));
        assertEquals(Value.number(28), v.attribute("cpu"));
        assertEquals(Value.number(1), v.attribute("gpu_count"));
        assertEquals(Value.set(Type.STRING, List.of(Value.string("a"), Value.string("b"))), v.attribute("labels"));
        assertTrue(v.isWhollyKnown());
        v.entries().forEach((name, value) -> assertTrue(!value.isNull(), name + " should be set"));
    }

    @Test
    void absentFieldsStayNullAndPowerIsUnknown() {
        Instance bare = new Instance(7, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        Value v = InstanceAttributes.toObject(InstanceAttributes.objectType(), bare);
        assertEquals(Value.string("7"), v.attribute("id"));
        assertEquals(Value.string("unknown"), v.attribute("power_state"));
        for (String name : List.of("name", "status", "fixed_ip", "floating_ip", "region", "cpu", "ram", "gpu",
                "gpu_count", "image_name", "key_name", "created_at", "environment_name", "flavor_name")) {
            assertTrue(v.attribute(name).isNull(), name + " should be null");
        }
        assertEquals(Value.set(Type.STRING, List.of()), v.attribute("labels"));
    }

    @Test
    void fillsOnlyTheDeclaredNamesAndAdaptsTheirTypes() {
        ObjectType type = Type.object(Map.of("id", Type.NUMBER, "labels", Type.list(Type.STRING),
                "power_state", Type.STRING, "timeouts", Type.STRING));
        Value target = Value.object(type, Map.of("timeouts", Value.string("keep"), "power_state", Value.string("x")));
        Value v = InstanceAttributes.fill(target, FULL);
        assertEquals(Value.number(4242), v.attribute("id"));
        assertEquals(Value.list(Type.STRING, List.of(Value.string("b"), Value.string("a"))), v.attribute("labels"));
        assertEquals(Value.string("stopped"), v.attribute("power_state"));
        assertEquals(Value.string("keep"), v.attribute("timeouts"));
    }

    @Test
    void computedAttributesCarryDescriptions() {
        var attrs = InstanceAttributes.computed(java.util.Set.of("id", "name"));
        assertEquals(InstanceAttributes.names().size() - 2, attrs.size());
        attrs.forEach(a -> assertTrue(!a.description().isBlank(), a.name()));
    }
}
