package io.tfhyperstack.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.tfhyperstack.plugin.LocalPluginClient;
import io.tfhyperstack.plugin.TestIdentities;
import io.tfhyperstack.plugin.logging.HclogLevel;
import io.tfhyperstack.plugin.logging.ProviderLogging;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's life and its sessions, with a service running in this JVM and a launcher played by the test. */
class ResidentServiceTest {
    private static final String KEY = "0123456789abcdef";
    private static final Logger SESSION_LOG = Logger.getLogger("test.session");
    /** Each session's provider says which walk it was built for, at debug level. */
    private static List<BindableService> services(Map<String, String> environment) {
        SESSION_LOG.fine("provider services built for " + environment.get("MARKER"));
        return List.of();
    }

    @TempDir
    Path dir;
    private Path socket;
    private Path jar;
    private ResidentService service;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private void start(Duration idle) throws Exception {
        socket = dir.resolve(KEY + ".sock");
        jar = Files.writeString(dir.resolve("provider.jar"), "not really a jar");
        ServiceSettings settings = new ServiceSettings(socket, KEY, jar, null, idle);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        service = new ResidentService(settings, listener, Files.getOwner(socket), JarIdentity.of(jar),
                new SessionRegistry(Clock.systemUTC()),
                ProviderLogging.installRouter(ServiceLog.open(null), HclogLevel.INFO), ResidentServiceTest::services);
        Thread thread = new Thread(() -> {
            try {
                service.serve();
                ended.complete(null);
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        }, "service-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopService() throws Exception {
        if (service != null) {
            service.stop("test over", Duration.ofSeconds(5));
            ended.get(30, TimeUnit.SECONDS);
        }
    }

    private static Frame startFrame(String key, Map<String, String> environment) {
        return new Frame(Frame.START, new SessionRequest(SessionRequest.PROTOCOL_VERSION, key, "/", "4242",
                List.of(), environment).encode());
    }

    private static Map<String, String> walk(String marker, String tfLog) {
        Map<String, String> environment = TestIdentities.terraformEnvironment();
        environment.put("MARKER", marker);
        environment.put("TMPDIR", System.getProperty("java.io.tmpdir"));
        if (tfLog != null) {
            environment.put("TF_LOG", tfLog);
        }
        return environment;
    }

    @Test
    void aSessionIsAPluginLifeFromHandshakeToShutdown() throws Exception {
        start(Duration.ofMinutes(10));
        try (ServiceClient launcher = new ServiceClient(socket)) {
            launcher.send(startFrame(KEY, walk("one", null)));
            String handshake = launcher.handshake();
            assertTrue(handshake.matches("1\\|6\\|unix\\|/.+/provider\\.sock\\|grpc\\|[A-Za-z0-9+/]+"), handshake);
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
                client.shutdownPlugin();
            }
            assertEquals(0, launcher.exitCode());
            Path pluginSocket = Path.of(handshake.split("\\|")[3]);
            assertFalse(Files.exists(pluginSocket), "the session's socket is removed with it");
        }
        awaitStatus("sessions: 0 live, 1 served");
    }

    @Test
    void eachSessionLogsToItsOwnLauncherAtItsOwnLevel() throws Exception {
        start(Duration.ofMinutes(10));
        try (ServiceClient debug = new ServiceClient(socket); ServiceClient quiet = new ServiceClient(socket)) {
            debug.send(startFrame(KEY, walk("alpha", "DEBUG")));
            quiet.send(startFrame(KEY, walk("beta", null)));
            String debugHandshake = debug.handshake();
            String quietHandshake = quiet.handshake();
            for (String handshake : List.of(debugHandshake, quietHandshake)) {
                try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                    // Health answers once the services are built, so the debug line has been written.
                    assertEquals(ServingStatus.SERVING, client.health("plugin"));
                    client.shutdownPlugin();
                }
            }
            assertEquals(0, debug.exitCode());
            assertEquals(0, quiet.exitCode());
            assertTrue(debug.stderrText().contains("provider services built for alpha"), debug.stderrText());
            assertTrue(debug.stderrText().contains("\"@level\":\"debug\""), debug.stderrText());
            assertFalse(debug.stderrText().contains("beta"), debug.stderrText());
            assertFalse(quiet.stderrText().contains("provider services built for"), quiet.stderrText());
        }
    }

    @Test
    void aLauncherThatGoesAwayEndsItsSession() throws Exception {
        start(Duration.ofMinutes(10));
        Path pluginSocket;
        try (ServiceClient launcher = new ServiceClient(socket)) {
            launcher.send(startFrame(KEY, walk("gone", null)));
            pluginSocket = Path.of(launcher.handshake().split("\\|")[3]);
            assertTrue(Files.exists(pluginSocket));
        }
        awaitStatus("sessions: 0 live, 1 served");
        assertFalse(Files.exists(pluginSocket), "the session's plugin server is stopped");
    }

    @Test
    void aSessionLeavesNoThreadGroupBehind() throws Exception {
        start(Duration.ofMinutes(10));
        ThreadGroup parent = Thread.currentThread().getThreadGroup();
        int before = parent.activeGroupCount();
        for (int i = 0; i < 3; i++) {
            try (ServiceClient launcher = new ServiceClient(socket)) {
                launcher.send(startFrame(KEY, walk("group" + i, null)));
                try (LocalPluginClient client = LocalPluginClient.connect(launcher.handshake(), TestIdentities.TERRAFORM)) {
                    client.shutdownPlugin();
                }
                assertEquals(0, launcher.exitCode());
            }
        }
        awaitStatus("sessions: 0 live, 3 served");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (parent.activeGroupCount() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, parent.activeGroupCount(), "the sessions' thread groups are gone with their threads");
    }

    @Test
    void aLauncherOfAnotherBuildIsRefused() throws Exception {
        start(Duration.ofMinutes(10));
        try (ServiceClient launcher = new ServiceClient(socket)) {
            Frame answer = launcher.send(startFrame("fedcba9876543210", walk("other", null))).next();
            assertEquals(Frame.REFUSED, answer.type());
            assertTrue(answer.text().contains(KEY), answer.text());
            assertNull(launcher.next());
        }
    }

    @Test
    void stopRemovesTheSocketAndEndsTheService() throws Exception {
        start(Duration.ofMinutes(10));
        try (ServiceClient launcher = new ServiceClient(socket)) {
            Frame answer = launcher.send(new Frame(Frame.STOP, new byte[0])).next();
            assertEquals(Frame.DATA, answer.type());
            assertTrue(answer.text().contains("build: " + KEY), answer.text());
        }
        awaitServiceEnd();
    }

    @Test
    void theServiceEndsWhenIdleForItsTimeout() throws Exception {
        start(Duration.ofSeconds(1));
        awaitServiceEnd();
    }

    @Test
    void theServiceEndsWhenItsJarIsReplaced() throws Exception {
        start(Duration.ofMinutes(10));
        assertNotNull(status());
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        awaitServiceEnd();
    }

    /** The service stopped by itself: serve() returned and the socket is gone. */
    private void awaitServiceEnd() throws Exception {
        ended.get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket));
        service = null;
    }

    /** The session's supervisor counts it out just after the launcher has its exit code: wait for that. */
    private void awaitStatus(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status = status();
        while (!status.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = status();
        }
        assertTrue(status.contains(expected), status);
    }

    private String status() throws Exception {
        try (ServiceClient launcher = new ServiceClient(socket)) {
            Frame answer = launcher.send(new Frame(Frame.STATUS, new byte[0])).next();
            assertEquals(Frame.DATA, answer.type());
            return answer.text();
        }
    }
}
