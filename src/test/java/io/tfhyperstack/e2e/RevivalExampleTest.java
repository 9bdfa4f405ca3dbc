package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.PortListener;
import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * examples/revival as written: find the hibernated instance by name, revive it and wait for its port,
 * output its addresses, put it back to sleep; and the same instance found by its IP. Floating IPs are
 * on loopback, and a listener on every local address stands in for the instance's SSH server.
 */
class RevivalExampleTest extends ResourceE2eTest {

    @Override
    protected Simulator.Builder simulator() {
        return super.simulator().floatingIpRange("127.0.9.0/24");
    }

    @Test
    void revivesWaitsForThePortOutputsTheAddressesAndHibernatesAgain() throws IOException {
        try (PortListener ssh = PortListener.anyAddress()) {
            String example = Files.readString(Path.of("examples", "revival", "main.tf"));
            tf.file("main.tf", example).file("terraform.tfvars", "instance_name = \"trainer-hibernated\"\n"
                    + "wait_for_port = " + ssh.port() + "\n");
            tf.apply();
            assertEquals("ACTIVE", realStatus(1004));
            assertTrue(ssh.accepted() >= 1, "the apply waited for the port");
            String ip = tf.outputs().path("public_ip").path("value").asText();
            assertEquals(api.getInstance(1004).floatingIp(), ip);
            assertTrue(ip.startsWith("127.0.9."), ip);
            assertEquals("10.0.0.14", tf.outputs().path("private_ip").path("value").asText());
            assertNoChanges();

            // The same instance, found by its public IP this time.
            tf.file("terraform.tfvars", "instance_ip = \"" + ip + "\"\nwait_for_port = " + ssh.port() + "\n");
            assertNoChanges();

            tf.apply("-var", "power=hibernated");
            assertEquals("HIBERNATED", realStatus(1004));
        }
    }
}
