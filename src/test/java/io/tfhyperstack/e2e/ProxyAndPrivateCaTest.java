package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.hyperstack.net.PrivateApi;
import io.tfhyperstack.hyperstack.net.TestForwardProxy;
import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A corporate network on loopback: the API's host name resolves nowhere, and only a forward proxy (with
 * credentials) can reach it; over HTTPS the API's certificate comes from a private CA. Terraform runs
 * the provider with the proxy and trust variables a Go provider would read.
 */
class ProxyAndPrivateCaTest {
    private static final String API_HOST = "hyperstack-api.invalid";
    private static final String USER = "proxy-user-e2e";
    private static final String PASSWORD = "pr0xy-S3CRET-e2e";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String CONFIG = """
            data "hyperstack_instance" "web" {
              name = "web-1"
            }
            output "ip" {
              value = data.hyperstack_instance.web.floating_ip
            }
            """;

    private static PrivateApi api;
    private static Simulator https;
    private static Simulator http;
    private static TestForwardProxy proxy;
    private static Path caFile;
    private TerraformWorkspace tf;

    @BeforeAll
    static void start() {
        api = new PrivateApi(API_HOST, Duration.ofMillis(50));
        https = api.https;
        http = api.http;
        caFile = api.caFile();
        proxy = api.proxy.requireCredentials(USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
    }

    @BeforeEach
    void workspace() {
        proxy.reset();
        tf = new TerraformWorkspace();
        tf.config(CONFIG).env("HYPERSTACK_API_KEY", Simulator.DEFAULT_API_KEY);
        // Whatever this machine exports, each test starts from none of them (empty counts as unset).
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR")) {
            tf.env(name, "").env(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    /** Terraform wraps diagnostics at 80 columns: compare with the line breaks folded. */
    private static String said(CommandResult result) {
        return result.stderr().replaceAll("\\s+", " ");
    }

    @org.junit.jupiter.api.AfterEach
    void closeWorkspace() {
        tf.close();
    }

    private static String httpsApi() {
        return "https://" + API_HOST + ":" + https.port() + "/v1";
    }

    private static void assertPlainDiagnostic(CommandResult result) {
        assertEquals(1, result.exitCode(), result.describe());
        for (String internal : List.of("Exception", "sun.security", "PKIX", "javax.", "java.")) {
            assertFalse(result.stderr().contains(internal), internal + " in the diagnostic:\n" + result.stderr());
        }
    }

    private static void assertNoCredentials(CommandResult result) {
        for (String secret : List.of(PASSWORD, USER, BASIC.substring(6))) {
            assertFalse(result.output().contains(secret), "proxy credentials in terraform's output or log");
        }
    }

    @Test
    void httpProxyCarriesAnHttpAddressWithCredentialsThatNeverReachTheLog() {
        proxy.route(API_HOST, api.httpAddress());
        try {
            tf.env("HYPERSTACK_API_ADDRESS", "http://" + API_HOST + ":" + http.port() + "/v1")
                    .env("HTTP_PROXY", proxy.url(USER, PASSWORD))
                    .env("TF_LOG", "trace");
            CommandResult plan = tf.ok("plan");
            assertTrue(plan.stdout().contains("ip"), plan.describe());
            assertFalse(proxy.requests().isEmpty(), "the proxy carried the API calls");
            assertTrue(proxy.requests().stream().allMatch(r -> r.startsWith("GET http://" + API_HOST + ":")),
                    proxy.requests().toString());
            assertTrue(proxy.authorizations().stream().allMatch(BASIC::equals), "credentials reached the proxy");
            assertEquals(proxy.requests().size(), proxy.authorizations().size(), "sent up front, every time");
            assertTrue(said(plan).contains("through the proxy http://<credentials>@127.0.0.1:"),
                    "the debug line names the proxy, masked");
            assertNoCredentials(plan);
        } finally {
            proxy.route(API_HOST, api.httpsAddress());
        }
    }

    @Test
    void httpsProxyTunnelsToAnApiSignedByTheCaInSslCertFile() {
        tf.env("HYPERSTACK_API_ADDRESS", httpsApi())
                .env("HTTPS_PROXY", proxy.url(USER, PASSWORD))
                .env("SSL_CERT_FILE", caFile.toString())
                .env("TF_LOG", "debug");
        CommandResult apply = tf.apply();
        assertTrue(tf.outputs().path("ip").path("value").asText().matches("[0-9.]+"), apply.describe());
        assertTrue(proxy.requests().contains("CONNECT " + API_HOST + ":" + https.port()), proxy.requests().toString());
        assertTrue(said(apply).contains("TLS trust: SSL_CERT_FILE " + caFile), "the debug line names the trust");
        assertNoCredentials(apply);
    }

    @Test
    void withoutTheCaTheCertificateIsRefusedInPlainWords() {
        tf.env("HYPERSTACK_API_ADDRESS", httpsApi()).env("HTTPS_PROXY", proxy.url(USER, PASSWORD));
        CommandResult plan = tf.run("plan");
        assertPlainDiagnostic(plan);
        assertTrue(said(plan).contains("not signed by a certificate authority this machine trusts"), plan.describe());
        assertTrue(said(plan).contains("SSL_CERT_FILE"), plan.describe());
        assertNoCredentials(plan);
    }

    @Test
    void aProxyAskingForCredentialsIsNamedWithItsVariable() {
        tf.env("HYPERSTACK_API_ADDRESS", httpsApi()).env("HTTPS_PROXY", proxy.url())
                .env("SSL_CERT_FILE", caFile.toString());
        CommandResult plan = tf.run("plan");
        assertPlainDiagnostic(plan);
        assertTrue(said(plan).contains("asks for credentials (407 Proxy Authentication Required)"), plan.describe());
        assertTrue(said(plan).contains("HTTPS_PROXY"), plan.describe());
    }

    @Test
    void providerArgumentsOverrideTheEnvironment() {
        tf.env("HYPERSTACK_API_ADDRESS", httpsApi())
                .env("HTTPS_PROXY", "http://127.0.0.1:1")
                .env("TF_LOG", "trace")
                .config("provider \"hyperstack\" {\n  proxy_url = \"" + proxy.url(USER, PASSWORD) + "\"\n"
                        + "  ca_file   = \"" + caFile + "\"\n}\n\n" + CONFIG);
        CommandResult plan = tf.ok("plan");
        assertTrue(proxy.requests().contains("CONNECT " + API_HOST + ":" + https.port()), proxy.requests().toString());
        assertTrue(said(plan).contains("(from proxy_url)"), "the debug line says where the proxy came from");
        assertNoCredentials(plan);
    }

    @Test
    void unusableProxySettingsAreNamedWithoutTheirCredentials() {
        tf.env("HYPERSTACK_API_ADDRESS", httpsApi())
                .config("provider \"hyperstack\" {\n  proxy_url = \"https://" + USER + ":" + PASSWORD
                        + "@proxy.example:443\"\n}\n\n" + CONFIG);
        CommandResult invalid = tf.run("plan");
        assertPlainDiagnostic(invalid);
        assertTrue(said(invalid).contains("Invalid proxy URL"), invalid.describe());
        assertTrue(said(invalid).contains("proxy_url uses https://"), invalid.describe());
        // Terraform quotes the user's own line of configuration; the provider's words never repeat it.
        assertTrue(invalid.output().lines().filter(l -> l.contains(PASSWORD)).allMatch(l -> l.contains("proxy_url =")),
                invalid.describe());

        tf.config(CONFIG).env("HTTPS_PROXY", "ftp://" + USER + ":" + PASSWORD + "@old-proxy.example");
        CommandResult env = tf.run("plan");
        assertPlainDiagnostic(env);
        assertTrue(said(env).contains("HTTPS_PROXY has the scheme ftp://"), env.describe());
        assertNoCredentials(env);
    }

    @Test
    void loopbackAndNoProxyHostsNeverUseTheProxy() {
        tf.env("HTTP_PROXY", proxy.url(USER, PASSWORD));
        tf.env("HYPERSTACK_API_ADDRESS", http.baseUrl());
        tf.ok("plan");
        assertEquals(List.of(), proxy.requests(), "loopback never goes through a proxy");

        tf.env("HYPERSTACK_API_ADDRESS", "http://" + API_HOST + ":" + http.port() + "/v1")
                .env("no_proxy", "example.com, .invalid");
        CommandResult direct = tf.run("plan");
        assertPlainDiagnostic(direct);
        assertTrue(said(direct).contains("the host name " + API_HOST + " could not be resolved"), direct.describe());
        assertFalse(said(direct).contains("attempts"), "a name that does not resolve is not retried");
        assertEquals(List.of(), proxy.requests(), "a NO_PROXY host goes direct");

        Optional<InetAddress> own = nonLoopbackAddress();
        if (own.isPresent()) {
            // A host that could only be reached directly, listed by IP and then by CIDR range.
            try (Simulator local = Simulator.builder().host(own.get().getHostAddress()).stepDelay(Duration.ZERO)
                    .log(new PrintStream(OutputStream.nullOutputStream())).build().start()) {
                tf.env("HYPERSTACK_API_ADDRESS", local.baseUrl()).env("no_proxy", own.get().getHostAddress());
                tf.ok("plan");
                tf.env("no_proxy", own.get().getHostAddress().replaceAll("\\.\\d+$", ".0/24"));
                tf.ok("plan");
                assertEquals(List.of(), proxy.requests());
            } catch (IOException cannotBind) {
                // no usable address on this machine: the name case above still holds
            }
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException none) {
            // none
        }
        return Optional.empty();
    }
}
