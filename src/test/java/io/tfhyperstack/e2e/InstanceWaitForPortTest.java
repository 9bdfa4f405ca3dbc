package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.PortListener;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * wait_for_port through real Terraform: the simulator hands out floating IPs on loopback, so the test
 * can open (or not) a listener on the new instance's public address.
 */
class InstanceWaitForPortTest extends ResourceE2eTest {
    private static final Pattern PROBE_LINE = Pattern.compile("wait_for_port: instance \\d+, 127\\.0\\.9\\.\\d+:\\d+: ");

    private volatile PortListener listener;

    @Override
    protected Simulator.Builder simulator() {
        return super.simulator().floatingIpRange("127.0.9.0/24");
    }

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** The floating IP of the instance named {@code name}, once it has one (polled, up to a minute). */
    private String floatingIpOf(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Instance i : api.listInstances()) {
                if (name.equals(i.name()) && i.floatingIp() != null) {
                    return i.floatingIp();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instance " + name + " never got a floating IP");
    }

    @Test
    void theApplyReturnsOnlyOnceThePortTakesConnections() throws Exception {
        int port = PortListener.freePort();
        config(instance("vm", "e2e-port", "  assign_floating_ip = true\n  wait_for_port = " + port + "\n"));
        AtomicLong listeningSince = new AtomicLong();
        CompletableFuture<Void> opener = CompletableFuture.runAsync(() -> {
            try {
                String ip = floatingIpOf("e2e-port");
                Thread.sleep(4000); // the instance is up, its service not yet
                listener = PortListener.on(ip, port);
                listeningSince.set(System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        tf.env("TF_LOG", "debug");
        CommandResult r = tf.run("apply", "-auto-approve");
        long applyEnded = System.nanoTime();
        opener.get(10, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(listeningSince.get() != 0 && listeningSince.get() < applyEnded, "the apply ended before the port opened");
        assertTrue(listener.accepted() >= 1, "the provider never connected");
        Matcher probes = PROBE_LINE.matcher(r.output());
        int lines = 0;
        while (probes.find()) {
            lines++;
        }
        assertTrue(lines >= 2, "one debug line per probe, refused ones and the open one:\n" + r.output());
        assertTrue(r.output().contains(":" + port + ": open"), r.output());
        tf.env("TF_LOG", "");

        assertNoChanges();
        assertEquals(Long.toString(port), attrs("hyperstack_instance.vm").path("wait_for_port").asText());

        // Only wait_for_port changes: an in-place update that asks the API nothing (no refresh either).
        int other = PortListener.freePort();
        listener.close();
        listener = PortListener.on(attrs("hyperstack_instance.vm").path("floating_ip").asText(), other);
        config(instance("vm", "e2e-port", "  assign_floating_ip = true\n  wait_for_port = " + other + "\n"));
        CommandResult plan = tf.planDetailed();
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("1 to change"), plan.stdout());
        sim.resetStats();
        tf.apply("-refresh=false");
        assertEquals(0, sim.stats().total(), sim.stats().toString());
        assertTrue(listener.accepted() >= 1, "the new port was probed");
        assertNoChanges();
    }

    @Test
    void aPortThatNeverOpensFailsTheApplyAndKeepsTheInstanceTainted() throws Exception {
        int port = PortListener.freePort();
        config(instance("vm", "e2e-closed", "  assign_floating_ip = true\n  wait_for_port = " + port + "\n"
                + "  timeouts {\n    create = \"8s\"\n  }\n"));
        CommandResult r = tf.run("apply", "-auto-approve");
        assertEquals(1, r.exitCode(), r.describe());
        String output = r.output().replaceAll("\\s+", " ");
        assertTrue(output.contains("Port " + port + " of instance"), r.describe());
        assertTrue(output.contains("wait_for_port = " + port), r.describe());
        assertTrue(output.contains("create timeout of 8s"), r.describe());
        assertTrue(tf.tainted("hyperstack_instance.vm"), "the instance is kept in state, tainted");
        String ip = attrs("hyperstack_instance.vm").path("floating_ip").asText();
        assertTrue(output.contains(ip + ":" + port), r.describe());
        assertEquals("running", attrs("hyperstack_instance.vm").path("power_state").asText());
        assertEquals("ACTIVE", realStatus(idOf("hyperstack_instance.vm")));
    }

    /** Ctrl-C during the wait for the port: Terraform sends StopProvider, and the wait ends at once. */
    @Test
    void anInterruptEndsTheWaitForThePortAndKeepsTheInstance() throws Exception {
        int port = PortListener.freePort();
        config(instance("vm", "e2e-port-interrupt", "  assign_floating_ip = true\n  wait_for_port = " + port + "\n"));
        Path log = tf.dir().resolve("apply.log");
        Process terraform = tf.start(log, "apply", "-auto-approve", "-no-color");
        try {
            String ip = floatingIpOf("e2e-port-interrupt");
            Thread.sleep(2000); // the instance is running: the provider is probing the closed port now
            long tookMs = TerraformWorkspace.interrupt(terraform, log, Duration.ofSeconds(30));
            String output = Files.readString(log);
            // The wait itself ends within 2 s; Terraform's own shutdown on a loaded machine adds to that.
            assertTrue(tookMs < 10_000, "took " + tookMs + " ms:\n" + output);
            assertEquals(1, terraform.exitValue(), output);
            assertTrue(output.contains("Port " + port + " of instance"), output);
            assertTrue(output.contains("Cancelled: the wait for port " + port), output);
            assertTrue(tf.tainted("hyperstack_instance.vm"), output);
            assertEquals(ip, attrs("hyperstack_instance.vm").path("floating_ip").asText());
        } finally {
            terraform.destroyForcibly();
        }
    }

    @Test
    void thePowerStateResourceWaitsWhenItStartsAnInstanceAndNotWhenItStopsIt() throws Exception {
        Instance created = api.createInstance(CreateInstanceRequest.builder().name("e2e-power-port")
                .environmentName("demo-canada").flavorName("n3-A100x1").keyName("demo-key").assignFloatingIp(true)
                .build());
        awaitStatus(created.id(), InstanceStatus.ACTIVE);
        api.stopInstance(created.id());
        awaitStatus(created.id(), InstanceStatus.SHUTOFF);
        int port = PortListener.freePort();
        listener = PortListener.on(api.getInstance(created.id()).floatingIp(), port);
        String resource = "resource \"hyperstack_instance_power_state\" \"p\" {\n"
                + "  instance_id   = \"" + created.id() + "\"\n"
                + "  power_state   = \"%s\"\n"
                + "  wait_for_port = " + port + "\n"
                + "}\n";
        config(String.format(resource, "running"));
        tf.apply();
        assertTrue(listener.accepted() >= 1, "the started instance's port was probed");

        listener.close();
        config(String.format(resource, "stopped"));
        tf.apply();
        assertEquals("SHUTOFF", realStatus(created.id()));
        assertNoChanges();
    }
}
