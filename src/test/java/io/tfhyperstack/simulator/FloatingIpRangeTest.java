package io.tfhyperstack.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The floating IP range option: a loopback range, so that tests can listen on an instance's public address. */
class FloatingIpRangeTest {

    @Test
    void newInstancesGetFloatingIpsFromTheConfiguredRange() throws Exception {
        try (Simulator sim = Simulator.builder().stepDelay(Duration.ofMillis(20)).floatingIpRange("127.0.9.0/24")
                .build().start()) {
            ApiClient api = ApiClient.of(sim);
            ApiClient.Reply r = api.post("/core/virtual-machines", Map.of("name", "on-loopback",
                    "environment_name", "demo-canada", "flavor_name", "n3-A100x1", "key_name", "demo-key",
                    "count", 2, "assign_floating_ip", true));
            assertEquals(200, r.status(), () -> String.valueOf(r.body()));
            for (JsonNode created : r.body().get("instances")) {
                JsonNode active = api.awaitStatus(created.get("id").asLong(), "ACTIVE");
                String ip = active.get("floating_ip").asText();
                assertTrue(ip.matches("127\\.0\\.9\\.([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-4])"), ip);
            }
        }
    }

    @Test
    void theRangeHandsOutEveryUsableAddressOnce() {
        IpPool pool = IpPool.floating("127.0.9.8/30");
        assertEquals("127.0.9.9", pool.allocate());
        assertEquals("127.0.9.10", pool.allocate());
        assertThrows(IllegalStateException.class, pool::allocate);
    }

    @Test
    void aMalformedRangeIsRefusedAtOnce() {
        for (String bad : new String[] {"127.0.9.0", "127.0.9.0/33", "127.0.9.0/x", "127.0.300.0/24", "::1/64"}) {
            assertThrows(IllegalArgumentException.class, () -> Simulator.builder().floatingIpRange(bad), bad);
        }
    }

    @Test
    void theCommandTakesTheRange() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCommand.run(new String[] {"--floating-ip-range", "nonsense"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CompletableFuture.completedFuture(null));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("127.0.9.0/24"), err.toString(StandardCharsets.UTF_8));
    }
}
