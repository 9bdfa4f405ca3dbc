package io.tfhyperstack.docs;

import io.tfhyperstack.framework.server.ProviderServer;
import io.tfhyperstack.provider.HyperstackProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed docs/ must be what the schema renders. To refresh them after a schema or example
 * change: {@code scripts/generate-docs}.
 */
class RegistryDocsTest {
    private static final Path DOCS = Paths.get("docs");

    @Test
    void committedDocsMatchTheSchema() throws IOException {
        RegistryDocs docs = new RegistryDocs("hyperstack",
                new ProviderServer(new HyperstackProvider()).schemas(), Paths.get("examples"));
        Map<String, String> rendered = docs.render();
        if (Boolean.getBoolean("docs.write")) {
            docs.write(DOCS);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            Path file = DOCS.resolve(e.getKey());
            if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        assertEquals(List.of(), stale, "docs are out of date; run scripts/generate-docs and commit the result");
    }

    @Test
    void everyAttributeHasADescription() {
        var schemas = new ProviderServer(new HyperstackProvider()).schemas();
        List<String> missing = new ArrayList<>();
        schemas.provider().block().attributes().forEach(a -> {
            if (a.description().isBlank()) {
                missing.add("provider." + a.name());
            }
        });
        schemas.resources().forEach((name, s) -> s.block().attributes().forEach(a -> {
            if (a.description().isBlank()) {
                missing.add(name + "." + a.name());
            }
        }));
        schemas.dataSources().forEach((name, s) -> s.block().attributes().forEach(a -> {
            if (a.description().isBlank()) {
                missing.add(name + "." + a.name());
            }
        }));
        assertTrue(missing.isEmpty(), "attributes without a description: " + missing);
    }
}
