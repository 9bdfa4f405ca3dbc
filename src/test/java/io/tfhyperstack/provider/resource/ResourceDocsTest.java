package io.tfhyperstack.provider.resource;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.docs.RegistryDocs;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.server.ProviderSchemas;
import io.tfhyperstack.provider.ProviderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated registry pages say what users must know: what import adopts, what destroy leaves. */
class ResourceDocsTest {
    @Test
    void pagesNameAdoptedAttributesAndShowTheExamples() {
        ProviderContext context = new ProviderContext();
        InstanceResource instance = new InstanceResource(context);
        InstancePowerStateResource power = new InstancePowerStateResource(context);
        Map<String, String> pages = new RegistryDocs("hyperstack", new ProviderSchemas(
                Schema.of(Block.of(List.of())),
                Map.of(instance.typeName(), instance.schema(), power.typeName(), power.schema()), Map.of()),
                Path.of("examples")).render();

        String instancePage = pages.get("resources/instance.md");
        assertTrue(instancePage.contains("user_data"), instancePage);
        assertTrue(instancePage.contains("adopted"), instancePage);
        assertTrue(instancePage.contains("timeouts"), instancePage);
        assertTrue(instancePage.contains("terraform import hyperstack_instance.trainer"), instancePage);

        String powerPage = pages.get("resources/instance_power_state.md");
        assertTrue(powerPage.contains("only removes it from state"), powerPage);
        assertTrue(powerPage.contains("hyperstack_instance_power_state\" \"trainer\""), powerPage);
    }
}
