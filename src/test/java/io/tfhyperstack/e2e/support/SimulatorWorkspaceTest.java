package io.tfhyperstack.e2e.support;

import io.tfhyperstack.simulator.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What end-to-end tests against the simulator share: a simulator in this JVM with the default fleet,
 * and a workspace where the real terraform runs the built provider against it, configured through
 * the environment as CI would.
 */
public abstract class SimulatorWorkspaceTest {
    protected Simulator sim;
    protected TerraformWorkspace tf;

    /** The simulator's settings; a test class adds faults or longer steps here. */
    protected Simulator.Builder simulator() {
        return Simulator.builder().port(0).stepDelay(Duration.ofMillis(50))
                .log(new PrintStream(OutputStream.nullOutputStream()));
    }

    @BeforeEach
    void startSimulatorAndWorkspace() throws Exception {
        sim = simulator().build().start();
        tf = new TerraformWorkspace().hyperstack(sim.baseUrl(), sim.apiKey());
    }

    @AfterEach
    void stopSimulatorAndWorkspace() {
        tf.close();
        sim.close();
    }
}
