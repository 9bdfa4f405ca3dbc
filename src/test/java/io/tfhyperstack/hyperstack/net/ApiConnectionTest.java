package io.tfhyperstack.hyperstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.Sleeper;
import io.tfhyperstack.hyperstack.TransportException;
import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client through a proxy that alone knows the API's host name, against the simulator serving HTTPS
 * with a certificate from a CA made for the test.
 */
class ApiConnectionTest {
    private static final String API_HOST = "hyperstack-api.invalid";
    private static final String WRONG_HOST = "wrong-name.invalid";
    private static PrivateApi api;
    private static Simulator https;
    private static Simulator http;
    private static TestForwardProxy proxy;
    private static Path caFile;

    private final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = new PrivateApi(API_HOST, Duration.ZERO);
        https = api.https;
        http = api.http;
        caFile = api.caFile();
        proxy = api.proxy.route(WRONG_HOST, api.httpsAddress()).route("plain-api.invalid", api.httpAddress());
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
    }

    @BeforeEach
    void clearProxy() {
        proxy.reset();
    }

    private HyperstackClient client(String baseUrl, Map<String, String> env, String proxyUrl, String caFileArg) {
        return HyperstackClient.builder()
                .baseUrl(baseUrl)
                .apiKey(Simulator.DEFAULT_API_KEY)
                .requestsPerMinute(6_000_000)
                .sleeper(new Sleeper() {
                    @Override
                    public void sleep(Duration duration, Cancellation cancellation) {
                        waits.add(duration);
                    }
                })
                .connection(ApiConnection.resolve(env, proxyUrl, caFileArg))
                .build();
    }

    private String httpsApi(String host) {
        return "https://" + host + ":" + https.port() + "/v1";
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private String failure(HyperstackClient client) {
        String message = assertThrows(TransportException.class, client::listEnvironments).getMessage();
        assertFalse(message.matches("(?s).*(Exception|sun\\.|java\\.|javax\\.).*"), message);
        return message;
    }

    @Test
    void httpsGoesThroughConnectAndTrustsSslCertFile() {
        client(httpsApi(API_HOST), env("HTTPS_PROXY", proxy.url(), "SSL_CERT_FILE", caFile.toString()), null, null)
                .listEnvironments();
        assertEquals(List.of("CONNECT " + API_HOST + ":" + https.port()), proxy.requests());
    }

    @Test
    void caFileAddsToTheSystemsTrust() {
        client(httpsApi(API_HOST), env("https_proxy", proxy.url()), null, caFile.toString()).listEnvironments();
        assertEquals(1, proxy.requests().size());
    }

    @Test
    void anUnknownAuthorityIsNamedWithItsFixAndNotRetried() {
        String message = failure(client(httpsApi(API_HOST), env("HTTPS_PROXY", proxy.url()), null, null));
        assertTrue(message.contains("not signed by a certificate authority this machine trusts"), message);
        assertTrue(message.contains("SSL_CERT_FILE"), message);
        assertEquals(List.of(), waits, "a certificate does not get better by asking again");
    }

    @Test
    void aHostNameMismatchIsNamed() {
        String message = failure(client(httpsApi(WRONG_HOST),
                env("HTTPS_PROXY", proxy.url(), "SSL_CERT_FILE", caFile.toString()), null, null));
        assertTrue(message.contains("not valid for the host name " + WRONG_HOST), message);
        assertEquals(List.of(), waits);
    }

    @Test
    void proxyCredentialsGoUpFrontAndA407SaysWhatToFix() {
        try (TestForwardProxy guarded = new TestForwardProxy().requireCredentials("alice", "pa:ss")
                .route(API_HOST, api.httpsAddress()).route("plain-api.invalid", api.httpAddress())) {
            String none = failure(client(httpsApi(API_HOST),
                    env("HTTPS_PROXY", guarded.url(), "SSL_CERT_FILE", caFile.toString()), null, null));
            assertTrue(none.contains("asks for credentials (407"), none);
            assertTrue(none.contains("HTTPS_PROXY"), none);

            String wrong = failure(client(httpsApi(API_HOST), env("SSL_CERT_FILE", caFile.toString()),
                    guarded.url("alice", "wrong"), null));
            assertTrue(wrong.contains("refused the credentials in proxy_url"), wrong);
            assertFalse(wrong.contains("wrong"), "the password stays out of messages: " + wrong);
            assertEquals(List.of(), waits);

            guarded.reset();
            client(httpsApi(API_HOST), env("HTTPS_PROXY", guarded.url("alice", "pa%3Ass"),
                    "SSL_CERT_FILE", caFile.toString()), null, null).listEnvironments();
            assertEquals(1, guarded.requests().size(), "one CONNECT, credentials sent before any challenge");
            assertEquals(List.of("Basic YWxpY2U6cGE6c3M="), guarded.authorizations());

            guarded.reset();
            HyperstackClient plain = client("http://plain-api.invalid:" + http.port() + "/v1",
                    env("HTTP_PROXY", guarded.url("alice", "pa%3Ass")), null, null);
            plain.listEnvironments();
            plain.listInstances();
            assertEquals(2, guarded.requests().size(), "no 407 round trips: " + guarded.requests());
            assertTrue(guarded.requests().get(0).startsWith("GET http://plain-api.invalid:" + http.port()
                    + "/v1/core/environments"), guarded.requests().toString());
            assertEquals(List.of("Basic YWxpY2U6cGE6c3M=", "Basic YWxpY2U6cGE6c3M="), guarded.authorizations());

            String wrongOverHttp = failure(client("http://plain-api.invalid:" + http.port() + "/v1",
                    env("HTTP_PROXY", guarded.url("alice", "nope")), null, null));
            assertTrue(wrongOverHttp.contains("refused the credentials in HTTP_PROXY"), wrongOverHttp);
            String noneOverHttp = failure(client("http://plain-api.invalid:" + http.port() + "/v1",
                    env("http_proxy", guarded.url()), null, null));
            assertTrue(noneOverHttp.contains("asks for credentials (407"), noneOverHttp);
            assertTrue(noneOverHttp.contains("http_proxy"), noneOverHttp);
        }
    }

    @Test
    void aProxyThatWillNotConnectIsNamed() {
        HyperstackClient client = HyperstackClient.builder().baseUrl("https://elsewhere.invalid/v1")
                .apiKey("test-key-for-the-proxy").maxRetries(0).connection(ApiConnection.resolve(env("HTTPS_PROXY", proxy.url()), null, null))
                .build();
        String message = failure(client);
        assertTrue(message.contains("refused to open a connection to elsewhere.invalid:443 (HTTP 502)"), message);
        assertTrue(message.contains("NO_PROXY"), message);
    }

    @Test
    void aNameThatDoesNotResolveIsNotRetried() {
        String message = failure(client("http://" + API_HOST + ":1/v1", env(), null, null));
        assertTrue(message.contains("the host name " + API_HOST + " could not be resolved"), message);
        assertTrue(message.contains("HTTPS_PROXY"), message);
        assertEquals(List.of(), waits);
    }

    @Test
    void loopbackAndNoProxyHostsGoDirect() {
        client("http://127.0.0.1:" + http.port() + "/v1", env("HTTP_PROXY", proxy.url()), null, null)
                .listEnvironments();
        client("http://localhost:" + http.port() + "/v1", env("HTTP_PROXY", proxy.url()), null, null)
                .listEnvironments();
        assertEquals(List.of(), proxy.requests());
        String message = failure(client("http://plain-api.invalid:" + http.port() + "/v1",
                env("HTTP_PROXY", proxy.url(), "NO_PROXY", ".invalid"), null, null));
        assertTrue(message.contains("could not be resolved"), "went direct, so the name was looked up: " + message);
        assertEquals(List.of(), proxy.requests());
    }

    @Test
    void theDebugLineNamesTheProxyAndTheTrustButNoCredentials() {
        HttpUrl api = HttpUrl.get(httpsApi(API_HOST));
        String line = ApiConnection.resolve(env("HTTPS_PROXY", proxy.url("bob", "hunter2"),
                "SSL_CERT_FILE", caFile.toString()), null, null).describe(api);
        assertTrue(line.contains("through the proxy http://<credentials>@127.0.0.1:"), line);
        assertTrue(line.contains("(from HTTPS_PROXY)"), line);
        assertTrue(line.contains("TLS trust: SSL_CERT_FILE " + caFile), line);
        assertFalse(line.contains("hunter2") || line.contains("bob"), line);
        String direct = ApiConnection.resolve(env("HTTPS_PROXY", proxy.url(), "NO_PROXY", "invalid"), null, null)
                .describe(api);
        assertTrue(direct.contains("direct (" + API_HOST + " is loopback or matches NO_PROXY=invalid)"), direct);
    }
}
