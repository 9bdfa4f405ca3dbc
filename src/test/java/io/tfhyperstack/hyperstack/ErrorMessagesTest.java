package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error code becomes its own exception whose message names method, path, code, the API's message
 * and error_reason, and advice; and the key appears in no message, stack trace or log line.
 */
class ErrorMessagesTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<String> logLines = new ArrayList<>();
    private final Logger jul = Logger.getLogger("io.tfhyperstack.hyperstack");
    private Handler handler;
    private Level oldLevel;

    @BeforeEach
    void captureLogs() {
        oldLevel = jul.getLevel();
        jul.setLevel(Level.ALL);
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String text = r.getMessage() == null ? "" : r.getMessage();
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        text += " " + p;
                    }
                }
                if (r.getThrown() != null) {
                    text += " " + r.getThrown();
                }
                synchronized (logLines) {
                    logLines.add(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        jul.addHandler(handler);
    }

    @AfterEach
    void stopCapturing() {
        jul.removeHandler(handler);
        jul.setLevel(oldLevel);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "400, error-bad-request.json, BadRequestException, bad_request, Cannot start virtual machine in status ACTIVE, correct the argument",
            "401, error-unauthorized.json, UnauthorizedException, unauthorized, Invalid or missing api_key, HYPERSTACK_API_KEY",
            "403, error-forbidden.json, ForbiddenException, forbidden, not allowed to manage virtual machines, not allowed to do this",
            "404, error-not-found.json, NotFoundException, not_found, Virtual machine 999 not found, region-scoped",
            "409, error-conflict.json, ConflictException, already_exist, A virtual machine named db-7 already exists, terraform import",
            "429, error-rate-limited.json, RateLimitedException, too_many_requests, Too many requests, -parallelism",
            "500, error-server.json, ServerErrorException, , Internal Server Error, Try again later",
    })
    void eachCodeHasItsExceptionAndAHelpfulMessage(int code, String sample, String type, String reason,
            String apiMessage, String advice) {
        // 429s are waited out for rateLimitWait: 1 s and 2 s (plus jitter) fit in 4 s, a third wait does not.
        HyperstackClient client = TestSupport.client(wm.baseUrl()).maxRetries(2).rateLimitWait(Duration.ofSeconds(4))
                .build();
        String body = sample.equals("error-forbidden.json") ? TestSupport.resource("/hyperstack/error-forbidden.json")
                : TestSupport.sample(sample);
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711/start"))
                .willReturn(aResponse().withStatus(code).withHeader("Content-Type", "application/json").withBody(body)));

        ApiException e = assertThrows(ApiException.class, () -> client.startInstance(4711));

        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(code, e.statusCode());
        assertEquals("GET", e.method());
        assertEquals("/core/virtual-machines/4711/start", e.path());
        String m = e.getMessage();
        assertTrue(m.contains("GET /core/virtual-machines/4711/start"), m);
        assertTrue(m.contains("HTTP " + code), m);
        assertTrue(m.contains(apiMessage), m);
        if (reason != null) {
            assertTrue(m.contains("(" + reason + ")"), m);
            assertEquals(reason, e.errorReason());
        }
        assertTrue(m.contains(advice), m);
        assertNoKey(e);
        // 5xx are retried (maxRetries 2 = 3 attempts), 429 within rateLimitWait (also 3); clear refusals are not.
        int expectedAttempts = code == 429 || code >= 500 ? 3 : 1;
        wm.verify(expectedAttempts, getRequestedFor(urlPathEqualTo("/v1/core/virtual-machines/4711/start")));
        if (expectedAttempts > 1) {
            assertTrue(m.contains("gave up after 3 attempts"), m);
        }
    }

    @Test
    void anApiThatEchoesTheKeyIsScrubbed() {
        HyperstackClient client = TestSupport.client(wm.baseUrl()).build();
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/1")).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":false,\"message\":\"api_key " + TestSupport.API_KEY + " is revoked\","
                        + "\"error_reason\":\"unauthorized\"}")));
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> client.getInstance(1));
        assertTrue(e.getMessage().contains("api_key <redacted> is revoked"), e.getMessage());
        assertNoKey(e);
    }

    @Test
    void errorWithoutBodyOrWithHtmlStillSaysWhatHappened() {
        HyperstackClient client = TestSupport.client(wm.baseUrl()).maxRetries(0).build();
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/1")).willReturn(aResponse().withStatus(502)
                .withBody("<html><body>Bad gateway</body></html>")));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client.getInstance(1));
        assertTrue(e.getMessage().contains("HTTP 502: the API gave no message."), e.getMessage());
        assertFalse(e.getMessage().contains("<html>"), e.getMessage());
    }

    @Test
    void otherClientErrorsAreBadRequests() {
        HyperstackClient client = TestSupport.client(wm.baseUrl()).build();
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/1")).willReturn(aResponse().withStatus(405)
                .withBody("{\"status\":false,\"message\":\"Method not allowed\",\"error_reason\":\"not_allowed\"}")));
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.getInstance(1));
        assertEquals(405, e.statusCode());
        assertTrue(e.getMessage().contains("HTTP 405 (not_allowed): Method not allowed."), e.getMessage());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/core/virtual-machines/1")));
    }

    @Test
    void builderFailsFastWithoutLeakingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HyperstackClient.builder().build());
        assertTrue(e.getMessage().contains("HYPERSTACK_API_KEY"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HyperstackClient.builder().apiKey("  ").build());
        assertTrue(e.getMessage().contains("api_key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HyperstackClient.builder().apiKey(TestSupport.API_KEY).baseUrl("infrahub.example/v1").build());
        assertTrue(e.getMessage().contains("not an http(s) URL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HyperstackClient.builder().apiKey(TestSupport.API_KEY).maxRetries(-1).build());
        assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HyperstackClient.builder().apiKey(TestSupport.API_KEY).requestsPerMinute(0).build());
        assertTrue(e.getMessage().contains("requestsPerMinute"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HyperstackClient.builder().apiKey(TestSupport.API_KEY)
                .requestTimeout(java.time.Duration.ZERO).build());
        assertTrue(e.getMessage().contains("requestTimeout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HyperstackClient.builder().apiKey(TestSupport.API_KEY + "\n").build());
        assertFalse(e.getMessage().contains(TestSupport.API_KEY), e.getMessage());
        HyperstackClient.Builder b = HyperstackClient.builder().apiKey(TestSupport.API_KEY);
        assertFalse(b.toString().contains(TestSupport.API_KEY));
        assertFalse(b.build().toString().contains(TestSupport.API_KEY));
    }

    @Test
    void headerDumpRedactsTheKey() {
        String dump = LoggingInterceptor.redacted(okhttp3.Headers.of("api_key", TestSupport.API_KEY,
                "User-Agent", "x", "Authorization", "Bearer " + TestSupport.API_KEY));
        assertEquals("{api_key=<redacted>, User-Agent=x, Authorization=<redacted>}", dump);
    }

    @Test
    void logLinesNameRequestsButNeverTheKey() {
        HyperstackClient client = TestSupport.client(wm.baseUrl()).maxRetries(1).build();
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711"))
                .willReturn(aResponse().withStatus(500).withBody(TestSupport.sample("error-server.json"))));
        assertThrows(ServerErrorException.class, () -> client.getInstance(4711));
        synchronized (logLines) {
            assertTrue(logLines.stream().anyMatch(l -> l.contains("GET /v1/core/virtual-machines/4711 -> 500 in")),
                    logLines.toString());
            assertTrue(logLines.stream().anyMatch(l -> l.contains("headers: {") && l.contains("api_key=<redacted>")),
                    logLines.toString());
            assertTrue(logLines.stream().noneMatch(l -> l.contains(TestSupport.API_KEY)), logLines.toString());
        }
    }

    static void assertNoKey(Throwable e) {
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        assertFalse(sw.toString().contains(TestSupport.API_KEY), sw.toString());
        assertInstanceOf(HyperstackException.class, e);
    }
}
