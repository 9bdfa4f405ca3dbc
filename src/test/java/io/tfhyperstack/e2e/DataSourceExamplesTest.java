package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data-source examples (documentation input) validate, and apply against the simulator's seed. */
class DataSourceExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"hyperstack_instance", "hyperstack_instances"})
    void exampleValidatesAndApplies(String type) throws Exception {
        String example = Files.readString(Path.of("examples", "data-sources", type, "data-source.tf"));
        try (Simulator sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(50)).build().start();
                TerraformWorkspace tf = new TerraformWorkspace().hyperstack(sim.baseUrl(), sim.apiKey())) {
            tf.config(example);
            tf.ok("validate");
            assertEquals(0, sim.stats().total(), "validate needs no API request");
            tf.apply();
        }
    }
}
