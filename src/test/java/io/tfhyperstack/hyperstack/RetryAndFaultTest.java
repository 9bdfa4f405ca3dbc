package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, backoff, Retry-After, timeouts, broken answers, cancellation, and a create that must not double. */
class RetryAndFaultTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String VM = "/v1/core/virtual-machines/4711";
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private HyperstackClient.Builder client() {
        return TestSupport.client(wm.baseUrl()).sleeper(sleeper);
    }

    /** First answer {@code first}, every later one {@code then}. */
    private void firstThen(String method, String url, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        var m1 = switch (method) {
            case "GET" -> get(urlPathEqualTo(url));
            case "PUT" -> put(urlPathEqualTo(url));
            case "DELETE" -> delete(urlPathEqualTo(url));
            default -> post(urlPathEqualTo(url));
        };
        var m2 = switch (method) {
            case "GET" -> get(urlPathEqualTo(url));
            case "PUT" -> put(urlPathEqualTo(url));
            case "DELETE" -> delete(urlPathEqualTo(url));
            default -> post(urlPathEqualTo(url));
        };
        wm.stubFor(m1.inScenario(method + url).whenScenarioStateIs(STARTED).willSetStateTo("later").willReturn(first));
        wm.stubFor(m2.inScenario(method + url).whenScenarioStateIs("later").willReturn(then));
    }

    private static ResponseDefinitionBuilder status(int code, String sample) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json")
                .withBody(TestSupport.sample(sample));
    }

    @Test
    void rateLimitedThenSuccessWaitsAtLeastOneSecond() {
        firstThen("GET", VM, status(429, "error-rate-limited.json"), okJson(TestSupport.sample("get-instance.json")));

        assertEquals(4711, client().build().getInstance(4711).id());

        wm.verify(2, getRequestedFor(urlPathEqualTo(VM)));
        assertEquals(1, sleeper.waits.size());
        Duration w = sleeper.waits.get(0);
        assertTrue(w.compareTo(Duration.ofSeconds(1)) >= 0 && w.compareTo(Duration.ofMillis(1250)) <= 0, w.toString());
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        firstThen("GET", VM, status(429, "error-rate-limited.json").withHeader("Retry-After", "7"),
                okJson(TestSupport.sample("get-instance.json")));
        client().build().getInstance(4711);
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
    }

    @Test
    void aRateLimitHoldsEveryRequestOfTheSameBudgetNotOnlyTheOneThatMetIt() {
        firstThen("GET", VM, status(429, "error-rate-limited.json").withHeader("Retry-After", "30"),
                okJson(TestSupport.sample("get-instance.json")));
        int rpm = 1_234_567; // a budget of these two clients alone
        TestSupport.RecordingSleeper otherSleeper = new TestSupport.RecordingSleeper();
        HyperstackClient limited = client().requestsPerMinute(rpm).build();
        HyperstackClient other = TestSupport.client(wm.baseUrl()).requestsPerMinute(rpm).sleeper(otherSleeper).build();

        limited.getInstance(4711);
        other.getInstance(4711);

        assertEquals(List.of(Duration.ofSeconds(30)), sleeper.waits, "the retry waits once, then goes first");
        assertEquals(1, otherSleeper.waits.size());
        Duration w = otherSleeper.waits.get(0);
        assertTrue(w.compareTo(Duration.ofSeconds(25)) > 0 && w.compareTo(Duration.ofSeconds(31)) < 0,
                "the other client waits out the same 30 s: " + w);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        Instant now = Instant.parse("2026-11-27T05:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(12).atOffset(ZoneOffset.UTC));
        firstThen("GET", VM, status(503, "error-server.json").withHeader("Retry-After", date),
                okJson(TestSupport.sample("get-instance.json")));
        client().clock(Clock.fixed(now, ZoneOffset.UTC)).build().getInstance(4711);
        assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits);
    }

    @Test
    void retryAfterParsing() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(3), RetryPolicy.parseRetryAfter(" 3 ", clock));
        assertEquals(Duration.ZERO, RetryPolicy.parseRetryAfter("Thu, 26 Nov 2026 05:00:00 GMT", clock));
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, RetryPolicy.parseRetryAfter("86400", clock));
        assertEquals(null, RetryPolicy.parseRetryAfter("soon", clock));
        assertEquals(null, RetryPolicy.parseRetryAfter(null, clock));
    }

    @Test
    void serverErrorStormGivesUpAfterMaxRetriesWithBackoffDoubling() {
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(status(503, "error-server.json")));

        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client().build().getInstance(4711));

        wm.verify(6, getRequestedFor(urlPathEqualTo(VM)));
        assertTrue(e.getMessage().contains("gave up after 6 attempts"), e.getMessage());
        assertEquals(5, sleeper.waits.size());
        for (int i = 0; i < 5; i++) {
            long base = 1000L << i;
            long ms = sleeper.waits.get(i).toMillis();
            assertTrue(ms >= base && ms <= base * 5 / 4, "wait " + i + " = " + ms + " ms");
        }
    }

    @Test
    void connectionResetIsRetriedForGets() {
        firstThen("GET", VM, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(TestSupport.sample("get-instance.json")));
        assertEquals(4711, client().build().getInstance(4711).id());
        wm.verify(2, getRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void persistentResetBecomesTransportException() {
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TransportException e = assertThrows(TransportException.class,
                () -> client().maxRetries(2).build().getInstance(4711));
        assertTrue(e.getMessage().contains("GET /core/virtual-machines/4711 failed after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the network connection"), e.getMessage());
        assertTrue(e.getMessage().contains("the connection broke"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no Java class name for users: " + e.getMessage());
        assertFalse(e.isTimeout());
        wm.verify(3, getRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void malformedJsonIsATransportErrorNotRetried() {
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(okJson("{\"instance\": {\"id\": 4711, \"name\": ")));
        TransportException e = assertThrows(TransportException.class, () -> client().build().getInstance(4711));
        assertTrue(e.getMessage().contains("GET /core/virtual-machines/4711 answered, but its body is not the JSON"),
                e.getMessage());
        wm.verify(1, getRequestedFor(urlPathEqualTo(VM)));
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        assertThrows(TransportException.class, () -> client().maxRetries(0).build().getInstance(4711));
    }

    @Test
    void slowAnswerHitsTheReadTimeoutAndIsRetried() {
        // The answer comes after 2 s and would succeed: only the 200 ms read timeout can make this call fail.
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(okJson(TestSupport.sample("get-instance.json"))
                .withFixedDelay(2000)));
        TransportException e = assertThrows(TransportException.class, () -> client().maxRetries(1)
                .readTimeout(Duration.ofMillis(200)).build().getInstance(4711));
        assertTrue(e.isTimeout(), e.getMessage());
        assertTrue(e.getMessage().contains("did not answer in time"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no Java class name for users: " + e.getMessage());
        wm.verify(2, getRequestedFor(urlPathEqualTo(VM)));
        assertEquals(1, sleeper.waits.size(), "one backoff between the two attempts");
    }

    @Test
    void wholeCallTimeoutBoundsTheRequest() {
        // The answer comes after 3 s, well inside the 10 s read timeout: only the 300 ms call timeout can fail it.
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(okJson(TestSupport.sample("get-instance.json"))
                .withFixedDelay(3000)));
        TransportException e = assertThrows(TransportException.class, () -> client().maxRetries(0)
                .readTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofMillis(300)).build().getInstance(4711));
        assertTrue(e.isTimeout(), e.getMessage());
        wm.verify(1, getRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void cancellationDuringBackoffReturnsPromptly() throws Exception {
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(status(503, "error-server.json")));
        Cancellation stop = Cancellation.create();
        // Records the backoff the client asks for, then waits far longer than any test should take, in
        // real time, through the system sleeper: only the cancellation can end this wait in time.
        CountDownLatch waiting = new CountDownLatch(1);
        Sleeper longWait = (duration, cancellation) -> {
            sleeper.waits.add(duration);
            waiting.countDown();
            Sleeper.system().sleep(Duration.ofMinutes(5), cancellation);
        };
        HyperstackClient client = client().sleeper(longWait).cancellation(stop).build();
        Future<Instance> call = timer.submit(() -> client.getInstance(4711));
        assertTrue(waiting.await(30, TimeUnit.SECONDS), "the client never started its backoff");

        stop.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));

        assertInstanceOf(CancelledException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("Terraform asked the provider to stop"), e.getCause().getMessage());
        assertEquals(1, sleeper.waits.size());
        assertTrue(sleeper.waits.get(0).compareTo(Duration.ofSeconds(1)) >= 0, "a first backoff: " + sleeper.waits);
        wm.verify(1, getRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void cancellationAbortsACallInFlight() throws Exception {
        // The answer would come after 60 s and succeed; the call must end long before, and with CancelledException.
        wm.stubFor(get(urlPathEqualTo(VM)).willReturn(okJson(TestSupport.sample("get-instance.json"))
                .withFixedDelay(60_000)));
        Cancellation stop = Cancellation.create();
        HyperstackClient client = client().readTimeout(Duration.ofMinutes(2)).requestTimeout(Duration.ofMinutes(2))
                .cancellation(stop).build();
        Future<Instance> call = timer.submit(() -> client.getInstance(4711));
        TestSupport.eventually(() -> wm.getAllServeEvents().size() == 1, "the request has reached the server");

        stop.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));

        assertInstanceOf(CancelledException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("GET /core/virtual-machines/4711"), e.getCause().getMessage());
        wm.verify(1, getRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void nothingIsSentOnceCancelled() {
        Cancellation stop = Cancellation.create();
        stop.cancel();
        assertThrows(CancelledException.class, () -> client().cancellation(stop).build().getInstance(4711));
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void deleteRepeatedAfterALostAnswerTreats404AsDone() {
        firstThen("DELETE", VM, status(502, "error-server.json"), status(404, "error-not-found.json"));
        client().build().deleteInstance(4711);
        wm.verify(2, deleteRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void deleteOfAMissingMachineOnTheFirstTryIsNotFound() {
        wm.stubFor(delete(urlPathEqualTo(VM)).willReturn(status(404, "error-not-found.json")));
        assertThrows(NotFoundException.class, () -> client().build().deleteInstance(4711));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(VM)));
    }

    @Test
    void labelsPutIsRetried() {
        firstThen("PUT", VM + "/label", status(500, "error-server.json"), okJson(TestSupport.sample("action.json")));
        client().build().setLabels(4711, List.of("a"));
        wm.verify(2, putRequestedFor(urlPathEqualTo(VM + "/label")));
    }

    // --- create: never two machines -----------------------------------------------------------------

    private static final String VMS = "/v1/core/virtual-machines";

    private static CreateInstanceRequest webOne() {
        return CreateInstanceRequest.builder().name("web-1").environmentName("prod-canada").flavorName("n3-A100x1")
                .keyName("ops-key").build();
    }

    private static ObjectNode named(long id, String name, String env) {
        ObjectNode n = TestSupport.instanceJson(id, "CREATING");
        n.put("name", name);
        ((ObjectNode) n.get("environment")).put("name", env);
        return n;
    }

    private void stubSearch(String body) {
        wm.stubFor(get(urlPathEqualTo(VMS)).withQueryParam("search", equalTo("web-1")).willReturn(okJson(body)));
    }

    @Test
    void createThatFailsWith500ButHappenedIsNotRepeated() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(500, "error-server.json")));
        // The API's search also matches web-10 and a web-1 in another environment; only ours counts.
        stubSearch(TestSupport.listPage(List.of(named(4900, "web-10", "prod-canada"), named(4901, "web-1", "dev-norway"),
                named(4902, "web-1", "prod-canada")), 1, 100, 3));

        Instance got = client().build().createInstance(webOne());

        assertEquals(4902, got.id());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("search", equalTo("web-1")));
    }

    @Test
    void createThatWasResetAndDidNotHappenIsSentAgain() {
        firstThen("POST", VMS, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(TestSupport.sample("create-instances.json")));
        // Neither the API's search nor the whole list knows a web-1: the first POST did not happen.
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(
                TestSupport.listPage(List.of(named(4900, "web-10", "prod-canada")), 1, 100, 1))));

        Instance got = client().build().createInstance(webOne());

        assertEquals(4800, got.id());
        wm.verify(2, postRequestedFor(urlPathEqualTo(VMS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("search", equalTo("web-1")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("search", absent()));
    }

    @Test
    void createRepeatedAfterAmbiguityThatHits409FindsTheFirstMachine() {
        firstThen("POST", VMS, status(504, "error-server.json"), status(409, "error-conflict.json"));
        // The machine shows up in the listing only after the first look-up (the API is eventually consistent).
        // (The first look-up is a search and then the whole list: two empty answers.)
        wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("listing").whenScenarioStateIs(STARTED)
                .willSetStateTo("second").willReturn(okJson(TestSupport.listPage(List.of(), 1, 100, 0))));
        wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("listing").whenScenarioStateIs("second")
                .willSetStateTo("visible").willReturn(okJson(TestSupport.listPage(List.of(), 1, 100, 0))));
        wm.stubFor(get(urlPathEqualTo(VMS)).inScenario("listing").whenScenarioStateIs("visible")
                .willReturn(okJson(TestSupport.listPage(List.of(named(4903, "web-1", "prod-canada")), 1, 100, 1))));

        assertEquals(4903, client().build().createInstance(webOne()).id());
        wm.verify(2, postRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createLookUpFallsBackToTheWholeListWhenSearchMissesTheName() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(
                TestSupport.listPage(List.of(named(4904, "web-1", "prod-canada")), 1, 100, 1))));
        stubSearch(TestSupport.listPage(List.of(), 1, 100, 0));

        assertEquals(4904, client().build().createInstance(webOne()).id());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createAnsweredWithGarbageFindsTheMachineInsteadOfOrphaningIt() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(okJson("{\"status\": true, \"instances\": [{\"id\": 48")));
        stubSearch(TestSupport.listPage(List.of(named(4905, "web-1", "prod-canada")), 1, 100, 1));
        assertEquals(4905, client().build().createInstance(webOne()).id());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createRefusedWith400IsNeitherRetriedNorLookedUp() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(400, "error-bad-request.json")));
        assertThrows(BadRequestException.class, () -> client().build().createInstance(webOne()));
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
        wm.verify(0, getRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createConflictWithoutEarlierAmbiguityIsAConflict() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(409, "error-conflict.json")));
        ConflictException e = assertThrows(ConflictException.class, () -> client().build().createInstance(webOne()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
        wm.verify(0, getRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createRateLimitedIsRetriedWithoutLookUp() {
        firstThen("POST", VMS, status(429, "error-rate-limited.json"), okJson(TestSupport.sample("create-instances.json")));
        assertEquals(4800, client().build().createInstance(webOne()).id());
        wm.verify(2, postRequestedFor(urlPathEqualTo(VMS)));
        wm.verify(0, getRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createRetriesEndWithinTheOperationsTimeLimit() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(429, "error-rate-limited.json")
                .withHeader("Retry-After", "4")));
        // Waits of 4 s and 4 s fit in 10 s; a third would end at 12 s. Without the limit: rateLimitWait, 2 minutes.
        assertThrows(RateLimitedException.class,
                () -> client().build().createInstance(webOne(), Duration.ofSeconds(10)));
        wm.verify(3, postRequestedFor(urlPathEqualTo(VMS)));
        assertEquals(List.of(Duration.ofSeconds(4), Duration.ofSeconds(4)), sleeper.waits);
        wm.verify(0, getRequestedFor(urlPathEqualTo(VMS)));
    }

    @Test
    void createThatRunsOutOfTimeAfterAnAmbiguousAnswerStillFindsTheMachine() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(503, "error-server.json")
                .withHeader("Retry-After", "30")));
        stubSearch(TestSupport.listPage(List.of(named(4906, "web-1", "prod-canada")), 1, 100, 1));
        assertEquals(4906, client().build().createInstance(webOne(), Duration.ofSeconds(10)).id());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
        assertTrue(sleeper.waits.isEmpty(), "no 30 s wait in a 10 s limit: " + sleeper.waits);
    }

    @Test
    void createThatKeepsFailingLooksUpOnceMoreAndThenReportsTheFailure() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(500, "error-server.json")));
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(okJson(TestSupport.listPage(List.of(), 1, 100, 0))));
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> client().maxRetries(2).build().createInstance(webOne()));
        assertTrue(e.getMessage().contains("POST /core/virtual-machines"), e.getMessage());
        wm.verify(3, postRequestedFor(urlPathEqualTo(VMS)));
        // A look-up (search, then the whole list) after each of the two waits, and a last one before giving up.
        wm.verify(3, getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("search", equalTo("web-1")));
        wm.verify(3, getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("search", absent()));
    }

    @Test
    void createWhoseLookUpFailsSaysTheMachineMayExist() {
        wm.stubFor(post(urlPathEqualTo(VMS)).willReturn(status(500, "error-server.json")));
        wm.stubFor(get(urlPathEqualTo(VMS)).willReturn(status(401, "error-unauthorized.json")));
        TransportException e = assertThrows(TransportException.class, () -> client().build().createInstance(webOne()));
        assertTrue(e.getMessage().contains("A machine named web-1 may exist"), e.getMessage());
        wm.verify(1, postRequestedFor(urlPathEqualTo(VMS)));
    }
}
