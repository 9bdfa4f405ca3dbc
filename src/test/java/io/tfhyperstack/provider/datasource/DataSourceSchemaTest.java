package io.tfhyperstack.provider.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.AttributeMode;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.provider.InstanceAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas the registry docs are generated from: every attribute documented, the right modes. */
class DataSourceSchemaTest {
    final Schema single = new InstanceDataSource(null).schema();
    final Schema plural = new InstancesDataSource(null).schema();

    @Test
    void everyAttributeAndBlockHasADescription() {
        for (Schema s : List.of(single, plural)) {
            assertFalse(s.block().description().isBlank());
            for (Attribute a : s.block().attributes()) {
                assertFalse(a.description().isBlank(), a.name());
                if (a.nested() != null) {
                    a.nested().attributes().forEach(n -> assertFalse(n.description().isBlank(), n.name()));
                }
            }
        }
    }

    @Test
    void singularExportsEveryInstanceAttributeAndTakesLookupArguments() {
        for (String name : InstanceAttributes.names()) {
            assertTrue(single.block().attribute(name).isPresent(), name);
        }
        assertEquals(AttributeMode.OPTIONAL_COMPUTED, single.block().attribute("id").orElseThrow().mode());
        assertEquals(AttributeMode.OPTIONAL_COMPUTED, single.block().attribute("name").orElseThrow().mode());
        assertEquals(AttributeMode.OPTIONAL_COMPUTED, single.block().attribute("environment_name").orElseThrow().mode());
        assertEquals(AttributeMode.OPTIONAL, single.block().attribute("ip").orElseThrow().mode());
        assertEquals(AttributeMode.COMPUTED, single.block().attribute("power_state").orElseThrow().mode());
        assertEquals(Type.STRING, single.block().attribute("id").orElseThrow().type());
    }

    @Test
    void pluralInstancesHaveTheSingularFields() {
        Attribute instances = plural.block().attribute("instances").orElseThrow();
        assertEquals(Type.list(InstanceAttributes.objectType()), instances.type());
        assertTrue(plural.block().attribute("count").isEmpty(), "Terraform rejects references to .count");
    }
}
