package io.tfhyperstack.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.DynamicValue;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetProviderSchema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ReadResource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.StopProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The go-plugin handshake as Terraform performs it, against a plugin running in this JVM. */
@SuppressWarnings("try") // close() may throw InterruptedException; here that only fails the test
class PluginHandshakeTest {
    private static final String HANDSHAKE_WITH_CERT = "1\\|6\\|unix\\|/.+/provider\\.sock\\|grpc\\|[A-Za-z0-9+/]+";

    @Test
    void healthCheckSucceedsOverMutualTlsWithTerraformsKindOfCertificate() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment())) {
            String handshake = plugin.handshake();
            assertTrue(handshake.matches(HANDSHAKE_WITH_CERT), handshake);
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
                assertEquals(ServingStatus.SERVING, client.health(""));
            }
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment());
                LocalPluginClient client = LocalPluginClient.connect(plugin.handshake(), null)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.health("plugin"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        }
    }

    @Test
    void clientWithAnotherCertificateIsRefused() throws Exception {
        Map<String, String> variables = TestIdentities.terraformEnvironment();
        variables.put("TF_LOG", "DEBUG");
        try (RunningPlugin plugin = RunningPlugin.start(variables);
                LocalPluginClient client = LocalPluginClient.connect(plugin.handshake(), TestIdentities.STRANGER)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.health("plugin"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
            // The refusal is a line of the plugin's own, not gRPC's warning about frames.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!plugin.stderrText().contains("refused a connection") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(plugin.stderrText().contains("refused a connection: TLS failed"), plugin.stderrText());
            assertFalse(plugin.stderrText().contains("Error decoding HTTP/2 frames"), plugin.stderrText());
        }
    }

    @Test
    void theClientTrustsOnlyTheCertificateInTheHandshakeLine() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment())) {
            String handshake = plugin.handshake();
            String[] fields = handshake.split("\\|");
            // Same address, another certificate: what a plugin impostor would look like to Terraform.
            String forged = String.join("|", fields[0], fields[1], fields[2], fields[3], fields[4],
                    java.util.Base64.getEncoder().withoutPadding().encodeToString(TestIdentities.STRANGER.der()));
            try (LocalPluginClient client = LocalPluginClient.connect(forged, TestIdentities.TERRAFORM)) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.health("plugin"));
                assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
            }
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
            }
        }
    }

    @Test
    void shutdownEndsThePluginWithExitCodeZeroAndRemovesTheSocketDirectory() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment())) {
            String handshake = plugin.handshake();
            Path socket = Path.of(handshake.split("\\|")[3]);
            Path directory = socket.getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                client.shutdownPlugin();
            }
            assertEquals(0, plugin.exitCode());
            assertFalse(Files.exists(directory), "socket directory left behind: " + directory);
        }
    }

    @Test
    void stdoutCarriesExactlyTheHandshakeLine() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment())) {
            String handshake = plugin.handshake();
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                client.health("plugin");
                client.shutdownPlugin();
            }
            assertEquals(0, plugin.exitCode());
            assertEquals(handshake + System.lineSeparator(), plugin.stdout.text());
        }
    }

    @Test
    void withoutClientCertificateItServesPlaintextAndPrintsNoCertificate() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.plaintextEnvironment())) {
            String handshake = plugin.handshake();
            assertTrue(handshake.endsWith("|grpc|"), handshake);
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, null)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
                client.shutdownPlugin();
            }
            assertEquals(0, plugin.exitCode());
        }
    }

    @Test
    void withoutTheMagicCookieItExplainsItselfAndExitsOne() throws Exception {
        try (RunningPlugin plugin = RunningPlugin.start(Map.of())) {
            assertEquals(1, plugin.exitCode());
            assertTrue(plugin.stderrText().contains("meant to be started by Terraform"), plugin.stderrText());
            assertTrue(plugin.stderrText().contains("dev_overrides"), plugin.stderrText());
            assertEquals("", plugin.stdout.text());
        }
    }

    @Test
    void aClientThatDoesNotOfferProtocolSixGetsAClearError() throws Exception {
        Map<String, String> variables = TestIdentities.terraformEnvironment();
        variables.put("PLUGIN_PROTOCOL_VERSIONS", "4,5");
        try (RunningPlugin plugin = RunningPlugin.start(variables)) {
            assertEquals(1, plugin.exitCode());
            assertTrue(plugin.stderrText().contains("protocol 6"), plugin.stderrText());
            assertEquals("", plugin.stdout.text());
        }
    }

    @Test
    void anUnreadableClientCertificateIsAClearError() throws Exception {
        Map<String, String> variables = TestIdentities.terraformEnvironment();
        variables.put("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n");
        try (RunningPlugin plugin = RunningPlugin.start(variables)) {
            assertEquals(1, plugin.exitCode());
            assertTrue(plugin.stderrText().contains("PLUGIN_CLIENT_CERT"), plugin.stderrText());
            assertEquals("", plugin.stdout.text());
        }
    }

    @Test
    void fallsBackToLoopbackTcpWithinThePortRangeWhenTheSocketPathIsTooLong(@TempDir Path temp) throws Exception {
        Path deep = Files.createDirectories(temp.resolve("x".repeat(60)).resolve("y".repeat(60)));
        Map<String, String> variables = TestIdentities.terraformEnvironment();
        variables.put("PLUGIN_UNIX_SOCKET_DIR", deep.toString());
        variables.put("PLUGIN_MIN_PORT", "20000");
        variables.put("PLUGIN_MAX_PORT", "20999");
        try (RunningPlugin plugin = RunningPlugin.start(variables)) {
            String handshake = plugin.handshake();
            String[] fields = handshake.split("\\|");
            assertEquals("tcp", fields[2]);
            int port = Integer.parseInt(fields[3].substring(fields[3].lastIndexOf(':') + 1));
            assertTrue(fields[3].startsWith("127.0.0.1:") && port >= 20000 && port <= 20999, handshake);
            try (LocalPluginClient client = LocalPluginClient.connect(handshake, TestIdentities.TERRAFORM)) {
                assertEquals(ServingStatus.SERVING, client.health("plugin"));
                client.shutdownPlugin();
            }
            assertEquals(0, plugin.exitCode());
        }
    }

    @Test
    void providerServicesAnswerAndUnimplementedRpcsSayUnimplemented() throws Exception {
        ProviderGrpc.ProviderImplBase provider = new ProviderGrpc.ProviderImplBase() {
            @Override
            public void getProviderSchema(GetProviderSchema.Request request,
                    StreamObserver<GetProviderSchema.Response> responseObserver) {
                responseObserver.onNext(GetProviderSchema.Response.getDefaultInstance());
                responseObserver.onCompleted();
            }
        };
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment(), () -> List.of(provider));
                LocalPluginClient client = LocalPluginClient.connect(plugin.handshake(), TestIdentities.TERRAFORM)) {
            ProviderGrpc.ProviderBlockingStub stub = ProviderGrpc.newBlockingStub(client.channel());
            assertEquals(GetProviderSchema.Response.getDefaultInstance(),
                    stub.getProviderSchema(GetProviderSchema.Request.getDefaultInstance()));
            StatusRuntimeException unimplemented = assertThrows(StatusRuntimeException.class,
                    () -> stub.stopProvider(StopProvider.Request.getDefaultInstance()));
            assertEquals(Status.Code.UNIMPLEMENTED, unimplemented.getStatus().getCode());
        }
    }

    @Test
    void messagesOfTensOfMegabytesCrossBothWays() throws Exception {
        // A big state goes to the provider and back: the socket adapters' reads and writes, TLS records
        // and HTTP/2 flow control all see many windows' worth of data.
        ProviderGrpc.ProviderImplBase provider = new ProviderGrpc.ProviderImplBase() {
            @Override
            public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> responseObserver) {
                responseObserver.onNext(ReadResource.Response.newBuilder().setNewState(request.getCurrentState()).build());
                responseObserver.onCompleted();
            }
        };
        byte[] state = new byte[40 * 1024 * 1024];
        new java.util.Random(7).nextBytes(state);
        DynamicValue sent = DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(state)).build();
        try (RunningPlugin plugin = RunningPlugin.start(TestIdentities.terraformEnvironment(), () -> List.of(provider));
                LocalPluginClient client = LocalPluginClient.connect(plugin.handshake(), TestIdentities.TERRAFORM)) {
            ReadResource.Response answer = ProviderGrpc.newBlockingStub(client.channel())
                    .withDeadlineAfter(60, java.util.concurrent.TimeUnit.SECONDS)
                    .readResource(ReadResource.Request.newBuilder().setTypeName("big").setCurrentState(sent).build());
            assertEquals(sent.getMsgpack(), answer.getNewState().getMsgpack());
        }
    }
}
