package io.tfhyperstack.provider.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.CancelledException;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.WaitTimeoutException;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.simulator.Simulator;
import io.tfhyperstack.simulator.SimulatorStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every transition of the power table against the simulator, plus waiting, ERROR, timeout and cancellation. */
class PowerStateMachineTest {
    /** Seeded instances (the simulator's default fleet): one per steady power state. */
    static final long RUNNING = 1001;
    static final long STOPPED = 1003;
    static final long HIBERNATED = 1004;
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Simulator sim;
    private Cancellation cancellation;
    private HyperstackClient client;
    private PowerStateMachine machine;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.builder().port(0).stepDelay(Duration.ofMillis(50)).errorOnCreateNames("^broken-")
                .log(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build().start();
        cancellation = Cancellation.create();
        client = HyperstackClient.builder().baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).maxRetries(0)
                .pollIntervals(Duration.ofMillis(25), Duration.ofMillis(50)).cancellation(cancellation).build();
        machine = new PowerStateMachine(client);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pathsFollowTheApiPreconditions() {
        assertEquals(List.of(), PowerStateMachine.path(PowerState.RUNNING, PowerState.RUNNING));
        assertEquals(List.of(PowerAction.STOP), PowerStateMachine.path(PowerState.RUNNING, PowerState.STOPPED));
        assertEquals(List.of(PowerAction.HIBERNATE), PowerStateMachine.path(PowerState.RUNNING, PowerState.HIBERNATED));
        assertEquals(List.of(PowerAction.START), PowerStateMachine.path(PowerState.STOPPED, PowerState.RUNNING));
        assertEquals(List.of(PowerAction.RESTORE), PowerStateMachine.path(PowerState.HIBERNATED, PowerState.RUNNING));
        assertEquals(List.of(PowerAction.START, PowerAction.HIBERNATE),
                PowerStateMachine.path(PowerState.STOPPED, PowerState.HIBERNATED));
        assertEquals(List.of(PowerAction.RESTORE, PowerAction.STOP),
                PowerStateMachine.path(PowerState.HIBERNATED, PowerState.STOPPED));
        assertThrows(IllegalArgumentException.class,
                () -> PowerStateMachine.path(PowerState.ERROR, PowerState.RUNNING));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource({
            "1001, running, stopped, SHUTOFF, 'stop'",
            "1003, stopped, running, ACTIVE, 'start'",
            "1001, running, hibernated, HIBERNATED, 'hibernate'",
            "1004, hibernated, running, ACTIVE, 'hibernate-restore'",
            "1003, stopped, hibernated, HIBERNATED, 'start hibernate'",
            "1004, hibernated, stopped, SHUTOFF, 'hibernate-restore stop'",
    })
    void everyTransitionSendsExactlyItsActions(long id, String from, String to, String status, String actions) {
        assertEquals(from, InstanceResource.steadyPowerState(client.getInstance(id)));
        Instance after = machine.drive(id, PowerState.parse(to), true, TIMEOUT);
        assertEquals(status, after.status());
        assertEquals(status, client.getInstance(id).status());
        SimulatorStats stats = sim.stats();
        for (String action : List.of("start", "stop", "hibernate", "hibernate-restore")) {
            long expected = List.of(actions.split(" ")).contains(action) ? 1 : 0;
            assertEquals(expected, stats.count("GET", "/core/virtual-machines/{id}/" + action), action);
        }
    }

    @Test
    void alreadyThereSendsNoAction() {
        machine.drive(RUNNING, PowerState.RUNNING, true, TIMEOUT);
        machine.drive(STOPPED, PowerState.STOPPED, true, TIMEOUT);
        machine.drive(HIBERNATED, PowerState.HIBERNATED, true, TIMEOUT);
        SimulatorStats stats = sim.stats();
        for (String action : List.of("start", "stop", "hibernate", "hibernate-restore")) {
            assertEquals(0, stats.count("GET", "/core/virtual-machines/{id}/" + action), action);
        }
    }

    @Test
    void hibernationKeepsOrReleasesThePublicIp() {
        String ip = client.getInstance(RUNNING).floatingIp();
        assertNotNull(ip);
        assertEquals(ip, machine.drive(RUNNING, PowerState.HIBERNATED, true, TIMEOUT).floatingIp());
        machine.drive(RUNNING, PowerState.RUNNING, true, TIMEOUT);
        assertNull(machine.drive(RUNNING, PowerState.HIBERNATED, false, TIMEOUT).floatingIp());
    }

    @Test
    void aTransitionInProgressIsWaitedOutFirst() {
        client.stopInstance(RUNNING);
        assertEquals(InstanceStatus.STOPPING, client.getInstance(RUNNING).statusView());
        Instance after = machine.drive(RUNNING, PowerState.RUNNING, true, TIMEOUT);
        assertEquals("ACTIVE", after.status());
        assertEquals(1, sim.stats().count("GET", "/core/virtual-machines/{id}/start"));
    }

    @Test
    void anInstanceInErrorIsReportedWithItsIdAndStatus() {
        Instance created = client.createInstance(CreateInstanceRequest.builder().name("broken-1")
                .environmentName("demo-canada").flavorName("n3-A100x1").keyName("demo-key").build());
        client.statusWaiter().awaitStatus(created.id(), InstanceStatus.ERROR, TIMEOUT, Cancellation.none());
        PowerChangeException e = assertThrows(PowerChangeException.class,
                () -> machine.drive(created.id(), PowerState.STOPPED, true, TIMEOUT));
        assertTrue(e.getMessage().contains(Long.toString(created.id())), e.getMessage());
        assertTrue(e.getMessage().contains("ERROR"), e.getMessage());
        assertEquals("ERROR", e.instance().status());
    }

    @Test
    void aSlowTransitionTimesOut() {
        sim.stepDelay(Duration.ofSeconds(5));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> machine.drive(RUNNING, PowerState.STOPPED, true, Duration.ofMillis(300)));
        assertEquals(RUNNING, e.instanceId());
    }

    @Test
    void cancellationEndsTheWaitQuickly() {
        sim.stepDelay(Duration.ofSeconds(30));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            var unused = timer.schedule(cancellation::cancel, 300, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            assertThrows(CancelledException.class, () -> machine.drive(RUNNING, PowerState.STOPPED, true, TIMEOUT));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsedMs < 2000, "took " + elapsedMs + " ms");
        } finally {
            timer.shutdownNow();
        }
    }
}
