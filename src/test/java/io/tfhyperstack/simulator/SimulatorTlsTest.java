package io.tfhyperstack.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.hyperstack.net.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-cert} and {@code --tls-key}: the simulator serves HTTPS with a certificate it is given. */
class SimulatorTlsTest {
    @Test
    void servesHttpsWithTheGivenCertificate(@TempDir Path dir) throws Exception {
        TestCertificates authority = TestCertificates.newAuthority("Simulator Test CA");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        authority.writeServer("localhost", cert, key);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimulatorCommand.run(new String[] {
                "--port", "0", "--quiet", "--tls-cert", cert.toString(), "--tls-key", key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), stop));
        try {
            String base = null;
            for (int i = 0; i < 600 && base == null; i++) {
                String printed = out.toString(StandardCharsets.UTF_8);
                base = printed.contains("\n") ? printed.lines().findFirst().orElseThrow() : null;
                Thread.sleep(50);
            }
            assertTrue(base != null && base.matches("https://127\\.0\\.0\\.1:\\d+/v1"), String.valueOf(base));
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", authority.authority());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> health = HttpClient.newBuilder().sslContext(context).build().send(
                    HttpRequest.newBuilder(URI.create(base.replace("127.0.0.1", "localhost")
                            .replace("/v1", "/_simulator/health"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            stop.complete(null);
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCommand.run(new String[] {"--tls-cert", "server.pem"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), CompletableFuture.completedFuture(null));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--tls-cert and --tls-key go together"));
    }
}
