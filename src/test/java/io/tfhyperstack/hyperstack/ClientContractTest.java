package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Environment;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact request each endpoint sends, and how each answer (the shared samples) is read. */
class ClientContractTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private HyperstackClient client;

    @BeforeEach
    void setUp() {
        client = TestSupport.client(wm.baseUrl()).build();
    }

    /** Every request carries the key (as {@code api_key}, no prefix), our User-Agent, and asks for JSON. */
    private static RequestPatternBuilder common(RequestPatternBuilder p) {
        return p.withHeader("api_key", equalTo(TestSupport.API_KEY))
                .withHeader("User-Agent", equalTo("terraform-provider-hyperstack/1.2.3 terraform/1.9.8"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", absent());
    }

    @Test
    void getInstanceReadsEveryFieldAndIgnoresUnknownOnes() {
        wm.stubFor(get("/v1/core/virtual-machines/4711").willReturn(okJson(TestSupport.sample("get-instance.json"))));

        Instance i = client.getInstance(4711);

        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711"))));
        assertEquals(4711, i.id());
        assertEquals("db-7", i.name());
        assertEquals("ACTIVE", i.status());
        assertEquals(InstanceStatus.ACTIVE, i.statusView());
        assertEquals("RUNNING", i.powerState());
        assertEquals("active", i.vmState());
        assertEquals("Ubuntu Server 22.04 LTS", i.os());
        assertEquals("10.0.0.17", i.fixedIp());
        assertEquals("38.80.122.45", i.floatingIp());
        assertEquals("ATTACHED", i.floatingIpStatus());
        assertEquals(false, i.locked());
        assertEquals("2026-10-02T09:14:27", i.createdAt());
        assertEquals(List.of("team-ml", "db"), i.labels());
        assertEquals(new Instance.EnvironmentRef(12L, "prod-canada", 301L, "CANADA-1"), i.environment());
        assertEquals("Ubuntu Server 22.04 LTS", i.image().name());
        assertEquals("ops-key", i.keypair().name());
        assertEquals(new Instance.Flavor(95L, "n3-A100x1", 28, 120.0, 100, 750, "A100-80G-PCIe", 1), i.flavor());
    }

    @Test
    void listReadsNullsAndMissingObjects() {
        // The sample's page_size (2) is below ours and its count (3) above what it holds: a second page follows.
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(TestSupport.sample("list-instances.json"))));
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(TestSupport.resource("/hyperstack/list-instances-page2.json"))));

        List<Instance> all = client.listInstances();

        assertEquals(List.of(4711L, 4712L, 4713L), all.stream().map(Instance::id).toList());
        Instance hibernated = all.get(1);
        assertEquals(InstanceStatus.HIBERNATED, hibernated.statusView());
        assertNull(hibernated.floatingIp());
        assertEquals(List.of(), hibernated.labels(), "null labels read as empty");
        assertNull(hibernated.image(), "null object stays null");
        assertEquals(58.0, hibernated.flavor().ram());
        Instance sparse = all.get(2);
        assertNull(sparse.environment(), "missing object is null");
        assertNull(sparse.flavor());
        assertEquals(List.of(), sparse.labels());
        assertEquals(InstanceStatus.UNKNOWN, sparse.statusView(), "a status nobody documented");
        assertTrue(sparse.statusView().isTransitional());
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines?page=1&pageSize="
                + HyperstackClient.PAGE_SIZE))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines?page=2&pageSize="
                + HyperstackClient.PAGE_SIZE))));
    }

    @Test
    void listSendsSearchAndEnvironmentFilters() {
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines")).willReturn(okJson(
                TestSupport.listPage(List.of(), 1, 100, 0))));

        client.listInstances(new InstanceQuery("db 7", "prod-canada", true));

        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines?page=1&pageSize="
                + HyperstackClient.PAGE_SIZE + "&search=db%207&environment=prod-canada&exact_environment_match=true"))));
    }

    @Test
    void createSendsThePayloadWithCountOneAndReturnsTheNewMachine() {
        wm.stubFor(post("/v1/core/virtual-machines").willReturn(okJson(TestSupport.sample("create-instances.json"))));
        CreateInstanceRequest req = CreateInstanceRequest.builder()
                .name("web-1").environmentName("prod-canada").flavorName("n3-A100x1").keyName("ops-key")
                .imageName("Ubuntu Server 22.04 LTS").assignFloatingIp(true).userData("#cloud-config\n")
                .labels(List.of("web"))
                .securityRules(List.of(new CreateInstanceRequest.SecurityRule("ingress", "tcp", "IPv4", "0.0.0.0/0",
                        22, 22)))
                .build();

        Instance created = client.createInstance(req);

        assertEquals(4800, created.id());
        assertEquals(InstanceStatus.CREATING, created.statusView());
        assertTrue(created.statusView().isTransitional());
        wm.verify(1, common(postRequestedFor(urlEqualTo("/v1/core/virtual-machines")))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.matching("application/json(; ?charset=(?i)utf-8)?"))
                .withRequestBody(equalToJson("""
                        {"name":"web-1","environment_name":"prod-canada","flavor_name":"n3-A100x1","key_name":"ops-key",
                         "image_name":"Ubuntu Server 22.04 LTS","count":1,"assign_floating_ip":true,
                         "user_data":"#cloud-config\\n","labels":["web"],
                         "security_rules":[{"direction":"ingress","protocol":"tcp","ethertype":"IPv4",
                           "remote_ip_prefix":"0.0.0.0/0","port_range_min":22,"port_range_max":22}]}
                        """)));
    }

    @Test
    void deleteSendsDelete() {
        wm.stubFor(delete("/v1/core/virtual-machines/4711").willReturn(okJson(TestSupport.sample("action.json"))));
        client.deleteInstance(4711);
        wm.verify(1, common(deleteRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711"))));
    }

    @Test
    void actionsAreGets() {
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/start")).willReturn(okJson(TestSupport.sample("action.json"))));
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/stop")).willReturn(okJson(TestSupport.sample("action.json"))));
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/hard-reboot")).willReturn(okJson(TestSupport.sample("action.json"))));
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/hibernate")).willReturn(okJson(TestSupport.sample("action.json"))));
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/hibernate-restore")).willReturn(okJson(TestSupport.sample("action.json"))));

        client.startInstance(4711);
        client.stopInstance(4711);
        client.hardRebootInstance(4711);
        client.hibernateInstance(4711, true);
        client.hibernateInstance(4711, false);
        client.restoreInstance(4711);

        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/start"))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/stop"))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/hard-reboot"))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/hibernate?retain_ip=true"))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/hibernate?retain_ip=false"))));
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/hibernate-restore"))));
        assertEquals(6, wm.getAllServeEvents().size());
    }

    @Test
    void setLabelsPutsTheWholeList() {
        wm.stubFor(put("/v1/core/virtual-machines/4711/label").willReturn(okJson(TestSupport.sample("action.json"))));
        client.setLabels(4711, List.of("team-ml", "db"));
        client.setLabels(4711, List.of());
        wm.verify(1, common(putRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/label")))
                .withRequestBody(equalToJson("{\"labels\":[\"team-ml\",\"db\"]}")));
        wm.verify(1, common(putRequestedFor(urlEqualTo("/v1/core/virtual-machines/4711/label")))
                .withRequestBody(equalToJson("{\"labels\":[]}")));
    }

    @Test
    void nameAvailability() {
        wm.stubFor(get("/v1/core/virtual-machines/name-availability/web-1")
                .willReturn(okJson(TestSupport.sample("name-availability.json"))));
        wm.stubFor(get("/v1/core/virtual-machines/name-availability/db%207")
                .willReturn(okJson("{\"status\":true,\"message\":\"taken\",\"available\":false}")));
        assertTrue(client.isNameAvailable("web-1"));
        assertFalse(client.isNameAvailable("db 7"), "the name is path-encoded");
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/virtual-machines/name-availability/web-1"))));
    }

    @Test
    void listEnvironments() {
        wm.stubFor(get(urlPathEqualTo("/v1/core/environments")).willReturn(okJson(
                TestSupport.sample("list-environments.json"))));
        List<Environment> envs = client.listEnvironments();
        assertEquals(List.of(new Environment(12L, "prod-canada", "CANADA-1", "2026-01-10T08:00:00"),
                new Environment(13L, "dev-norway", "NORWAY-1", "2026-02-11T08:00:00")), envs);
        wm.verify(1, common(getRequestedFor(urlEqualTo("/v1/core/environments?page=1&pageSize="
                + HyperstackClient.PAGE_SIZE))));
    }

    @Test
    void baseUrlWithTrailingSlashWorks() {
        HyperstackClient c = TestSupport.client(wm.baseUrl()).baseUrl(wm.baseUrl() + "/v1/").build();
        wm.stubFor(get("/v1/core/virtual-machines/4711").willReturn(okJson(TestSupport.sample("get-instance.json"))));
        assertEquals(4711, c.getInstance(4711).id());
    }

    @Test
    void userAgentWithoutTerraformVersion() {
        HyperstackClient c = TestSupport.client(wm.baseUrl()).terraformVersion(null).build();
        assertEquals("terraform-provider-hyperstack/1.2.3", c.userAgent());
    }

    @Test
    void createRequestValidatesBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreateInstanceRequest.builder()
                .name("x".repeat(51)).environmentName("e").flavorName("f").keyName("k").build());
        assertTrue(e.getMessage().contains("at most 50"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CreateInstanceRequest.builder()
                .name("a").environmentName(" ").flavorName("f").keyName("k").build());
        assertTrue(e.getMessage().contains("environment_name"), e.getMessage());
        assertFalse(CreateInstanceRequest.builder().name("a").environmentName("e").flavorName("f").keyName("k")
                .userData("password=hunter2").build().toString().contains("hunter2"), "user data kept out of toString");
    }

    @Test
    void actionAnswerWithoutBodyIsFine() {
        wm.stubFor(get("/v1/core/virtual-machines/4711/stop").willReturn(aResponse().withStatus(200)));
        client.stopInstance(4711);
    }
}
