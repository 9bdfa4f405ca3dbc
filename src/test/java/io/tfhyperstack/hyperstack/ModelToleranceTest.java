package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfhyperstack.hyperstack.model.Instance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any field of the instance object may be missing, null, or joined by fields nobody knows yet. */
class ModelToleranceTest {
    private static final ObjectNode SAMPLE;

    static {
        try {
            SAMPLE = (ObjectNode) TestSupport.JSON.readTree(TestSupport.sample("get-instance.json")).get("instance");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Property(tries = 300)
    void anyFieldMayBeMissingOrNull(@ForAll long seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        ObjectNode copy = SAMPLE.deepCopy();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = copy.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            switch (random.nextInt(4)) {
                case 0 -> copy.remove(name);
                case 1 -> copy.putNull(name);
                default -> {
                }
            }
        }
        copy.putObject("field_from_the_future_" + random.nextInt(1000)).put("x", random.nextInt());
        Instance i = Wire.JSON.treeToValue(copy, Instance.class);
        assertNotNull(i.labels());
        JsonNode id = copy.get("id");
        assertEquals(id == null || id.isNull() ? 0 : 4711, i.id());
        assertNotNull(i.statusView());
    }
}
