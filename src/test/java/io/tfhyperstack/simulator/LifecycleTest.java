package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every status change the simulator makes, its intermediate status, and the precondition of each action. */
class LifecycleTest {
    // Wherever a test must see an intermediate status, it holds the steps (a busy machine can take longer
    // than any step between two requests), so this delay only sets how fast the rest goes.
    private static final Duration STEP = Duration.ofMillis(300);

    private Simulator sim;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.builder().stepDelay(STEP).build().start();
        api = ApiClient.of(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private long create(String name, boolean floatingIp, String flavor) {
        ApiClient.Reply r = api.post("/core/virtual-machines", Map.of("name", name, "environment_name", "demo-canada",
                "flavor_name", flavor, "key_name", "demo-key", "image_name", "Ubuntu Server 22.04 LTS",
                "count", 1, "assign_floating_ip", floatingIp, "labels", List.of("a", "b")));
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
        return r.body().get("instances").get(0).get("id").asLong();
    }

    @Test
    void createGoesThroughCreatingAndBuildToActiveWithAFloatingIp() {
        sim.holdSteps();
        ApiClient.Reply r = api.post("/core/virtual-machines", Map.of("name", "fresh", "environment_name", "demo-canada",
                "flavor_name", "n3-A100x1", "key_name", "demo-key", "count", 1, "assign_floating_ip", true));
        assertEquals(200, r.status());
        assertTrue(r.body().get("status").asBoolean());
        JsonNode created = r.body().get("instances").get(0);
        assertEquals("CREATING", created.get("status").asText());
        assertTrue(created.get("power_state").isNull());
        assertEquals("building", created.get("vm_state").asText());
        assertTrue(created.get("floating_ip").isNull());
        long id = created.get("id").asLong();
        assertTrue(id >= 1008, "new ids follow the seeded ones");

        assertEquals("CREATING", api.status(id));
        assertEquals(1, sim.runHeldSteps());
        JsonNode build = api.instance(id);
        assertEquals("BUILD", build.get("status").asText());
        assertEquals("building", build.get("vm_state").asText());
        sim.releaseSteps();
        JsonNode active = api.awaitStatus(id, "ACTIVE");
        assertEquals("RUNNING", active.get("power_state").asText());
        assertEquals("active", active.get("vm_state").asText());
        assertTrue(active.get("floating_ip").isTextual(), "floating IP assigned when asked");
        assertEquals("ATTACHED", active.get("floating_ip_status").asText());
        assertTrue(active.get("fixed_ip").isTextual());
    }

    @Test
    void createWithoutFloatingIpStaysPrivate() {
        long id = create("private-one", false, "n3-A100x1");
        JsonNode active = api.awaitStatus(id, "ACTIVE");
        assertTrue(active.get("floating_ip").isNull());
        assertEquals("NOT_ATTACHED", active.get("floating_ip_status").asText());
        assertEquals(List.of("a", "b"), List.of(active.get("labels").get(0).asText(), active.get("labels").get(1).asText()));
    }

    @Test
    void stopThenStart() {
        sim.holdSteps();
        assertEquals("Virtual machine stop action initiated", api.get("/core/virtual-machines/1001/stop").message());
        assertEquals("STOPPING", api.status(1001));
        sim.releaseSteps();
        JsonNode off = api.awaitStatus(1001, "SHUTOFF");
        assertEquals("SHUTDOWN", off.get("power_state").asText());
        assertEquals("stopped", off.get("vm_state").asText());
        assertEquals("203.0.113.11", off.get("floating_ip").asText(), "a stopped VM keeps its public IP");

        sim.holdSteps();
        ApiClient.Reply start = api.get("/core/virtual-machines/1001/start");
        assertEquals(200, start.status());
        assertTrue(start.body().get("status").asBoolean());
        assertEquals("STARTING", api.status(1001));
        sim.releaseSteps();
        JsonNode on = api.awaitStatus(1001, "ACTIVE");
        assertEquals("RUNNING", on.get("power_state").asText());
    }

    @Test
    void hibernateReleasesTheFloatingIpAndRestoreAssignsANewOne() {
        sim.holdSteps();
        assertEquals(200, api.get("/core/virtual-machines/1001/hibernate").status());
        assertEquals("HIBERNATING", api.status(1001));
        sim.releaseSteps();
        JsonNode hib = api.awaitStatus(1001, "HIBERNATED");
        assertTrue(hib.get("floating_ip").isNull(), "without retain_ip the public IP is released");
        assertEquals("shelved_offloaded", hib.get("vm_state").asText());
        assertEquals("SHUTDOWN", hib.get("power_state").asText());

        sim.holdSteps();
        assertEquals(200, api.get("/core/virtual-machines/1001/hibernate-restore").status());
        assertEquals("RESTORING", api.status(1001));
        sim.releaseSteps();
        JsonNode back = api.awaitStatus(1001, "ACTIVE");
        assertTrue(back.get("floating_ip").isTextual());
        assertNotEquals("203.0.113.11", back.get("floating_ip").asText(), "a released IP is not given back");
    }

    @Test
    void hibernateWithRetainIpKeepsTheFloatingIp() {
        assertEquals(200, api.get("/core/virtual-machines/1002/hibernate?retain_ip=true").status());
        JsonNode hib = api.awaitStatus(1002, "HIBERNATED");
        assertEquals("203.0.113.12", hib.get("floating_ip").asText());
        api.get("/core/virtual-machines/1002/hibernate-restore");
        assertEquals("203.0.113.12", api.awaitStatus(1002, "ACTIVE").get("floating_ip").asText());
    }

    @Test
    void seededHibernatedInstanceRevivesWithAPublicIp() {
        JsonNode before = api.instance(1004);
        assertEquals("trainer-hibernated", before.get("name").asText());
        assertEquals("HIBERNATED", before.get("status").asText());
        assertTrue(before.get("floating_ip").isNull());
        api.get("/core/virtual-machines/1004/hibernate-restore");
        assertTrue(api.awaitStatus(1004, "ACTIVE").get("floating_ip").isTextual());
    }

    @Test
    void hardRebootFromActive() {
        sim.holdSteps();
        assertEquals("Virtual machine hard reboot action initiated", api.get("/core/virtual-machines/1002/hard-reboot").message());
        assertEquals("REBOOTING", api.status(1002));
        sim.releaseSteps();
        api.awaitStatus(1002, "ACTIVE");
    }

    @Test
    void deleteShowsDeletingThenAnswers404() {
        sim.holdSteps();
        ApiClient.Reply r = api.delete("/core/virtual-machines/1002");
        assertEquals(200, r.status());
        assertTrue(r.body().get("status").asBoolean());
        JsonNode deleting = api.instance(1002);
        assertEquals("DELETING", deleting.get("status").asText());
        assertEquals("RUNNING", deleting.get("power_state").asText(), "the power state stays until it is gone");
        sim.releaseSteps();
        api.awaitGone(1002);
        ApiClient.Reply gone = api.get("/core/virtual-machines/1002");
        assertEquals(404, gone.status());
        assertEquals("not_found", gone.body().get("error_reason").asText());
        assertFalse(gone.body().get("status").asBoolean());
        assertEquals(404, api.delete("/core/virtual-machines/1002").status());
        assertEquals(404, api.get("/core/virtual-machines/1002/start").status());
    }

    @Test
    void deleteWhileCreatingWins() {
        sim.holdSteps();
        long id = create("short-lived", true, "n3-A100x1");
        assertEquals(200, api.delete("/core/virtual-machines/" + id).status());
        assertEquals(2, sim.runHeldSteps(), "the create's first step and the delete");
        assertEquals(404, api.get("/core/virtual-machines/" + id).status());
        assertEquals(0, sim.runHeldSteps(), "the overtaken create scheduled nothing more");
        assertEquals(404, api.get("/core/virtual-machines/" + id).status(), "the create's later steps do not bring it back");
    }

    @Test
    void startOnlyFromShutoff() {
        ApiClient.Reply r = api.get("/core/virtual-machines/1001/start");
        assertEquals(400, r.status());
        assertEquals("bad_request", r.body().get("error_reason").asText());
        assertFalse(r.body().get("status").asBoolean());
        assertEquals("Cannot start virtual machine in status ACTIVE; it must be SHUTOFF", r.message());
        assertEquals("ACTIVE", api.status(1001), "a refused action changes nothing");
        assertEquals(200, api.get("/core/virtual-machines/1003/start").status());
    }

    @Test
    void stopOnlyFromActiveOrError() {
        ApiClient.Reply r = api.get("/core/virtual-machines/1003/stop");
        assertEquals(400, r.status());
        assertEquals("Cannot stop virtual machine in status SHUTOFF; it must be ACTIVE or ERROR", r.message());
        ApiClient.Reply hib = api.get("/core/virtual-machines/1004/stop");
        assertEquals(400, hib.status());
        assertTrue(hib.message().contains("HIBERNATED"), hib.message());
    }

    @Test
    void stopAndHardRebootWorkFromError() {
        sim.faults().errorOnCreateNames("^broken");
        long id = create("broken-box", true, "n3-A100x1");
        api.awaitStatus(id, "ERROR");
        assertEquals(200, api.get("/core/virtual-machines/" + id + "/hard-reboot").status());
        assertEquals("ACTIVE", api.awaitStatus(id, "ACTIVE").get("status").asText());
        sim.faults().clear();
        long id2 = create("broken-again", false, "n3-A100x1");
        sim.faults().errorOnCreateNames("^broken");
        // the regex is read when the VM is created, so this one still comes up
        api.awaitStatus(id2, "ACTIVE");
    }

    @Test
    void hibernateOnlyFromActive() {
        ApiClient.Reply r = api.get("/core/virtual-machines/1003/hibernate");
        assertEquals(400, r.status());
        assertEquals("Cannot hibernate virtual machine in status SHUTOFF; it must be ACTIVE", r.message());
    }

    @Test
    void hibernateRefusedByAFlavorThatCannot() {
        ApiClient.Reply r = api.get("/core/virtual-machines/1006/hibernate");
        assertEquals(400, r.status());
        assertEquals("Flavor n1-cpu-small does not support hibernation", r.message());
        assertEquals("ACTIVE", api.status(1006));
    }

    @Test
    void restoreOnlyFromHibernatedNotHibernating() {
        ApiClient.Reply active = api.get("/core/virtual-machines/1001/hibernate-restore");
        assertEquals(400, active.status());
        assertEquals("Cannot restore from hibernation virtual machine in status ACTIVE; it must be HIBERNATED", active.message());
        sim.holdSteps();
        api.get("/core/virtual-machines/1001/hibernate");
        ApiClient.Reply during = api.get("/core/virtual-machines/1001/hibernate-restore");
        assertEquals(400, during.status());
        assertTrue(during.message().contains("HIBERNATING"), during.message());
    }

    @Test
    void hardRebootOnlyFromActiveOrError() {
        ApiClient.Reply r = api.get("/core/virtual-machines/1003/hard-reboot");
        assertEquals(400, r.status());
        assertEquals("Cannot hard-reboot virtual machine in status SHUTOFF; it must be ACTIVE or ERROR", r.message());
    }

    @Test
    void actionsDuringATransitionAreRefused() {
        sim.holdSteps();
        api.get("/core/virtual-machines/1001/stop");
        ApiClient.Reply again = api.get("/core/virtual-machines/1001/stop");
        assertEquals(400, again.status());
        assertTrue(again.message().contains("STOPPING"), again.message());
        ApiClient.Reply start = api.get("/core/virtual-machines/1001/start");
        assertEquals(400, start.status());
    }

    @Test
    void badRetainIpValueIs400() {
        assertEquals(400, api.get("/core/virtual-machines/1001/hibernate?retain_ip=maybe").status());
        assertEquals("ACTIVE", api.status(1001));
    }

    @Test
    void labelsAreReplaced() {
        ApiClient.Reply r = api.put("/core/virtual-machines/1001/label", Map.of("labels", List.of("x")));
        assertEquals(200, r.status());
        JsonNode labels = api.instance(1001).get("labels");
        assertEquals(1, labels.size());
        assertEquals("x", labels.get(0).asText());
        assertEquals(200, api.put("/core/virtual-machines/1001/label", Map.of("labels", List.of())).status());
        assertEquals(0, api.instance(1001).get("labels").size());
        assertEquals(400, api.put("/core/virtual-machines/1001/label", Map.of("labels", List.of(1, 2))).status());
        assertEquals(400, api.put("/core/virtual-machines/1001/label", Map.of("tags", List.of("x"))).status());
        assertEquals(404, api.put("/core/virtual-machines/999/label", Map.of("labels", List.of("x"))).status());
    }

    @Test
    void stepDelayCanBeChangedAtRunTime() throws Exception {
        // Built with a ten-minute step, this simulator can only reach ACTIVE in time if the short delay is used.
        try (Simulator slow = Simulator.builder().stepDelay(Duration.ofMinutes(10)).build().start()) {
            slow.stepDelay(Duration.ofMillis(10));
            assertEquals(Duration.ofMillis(10), slow.stepDelay());
            api = ApiClient.of(slow);
            long id = create("quick", false, "n3-A100x1");
            assertNotNull(api.awaitStatus(id, "ACTIVE"), "the short delay was used");
        }
    }
}
