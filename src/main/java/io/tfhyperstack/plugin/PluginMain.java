package io.tfhyperstack.plugin;

import io.grpc.BindableService;
import io.tfhyperstack.plugin.logging.HclogLevel;
import io.tfhyperstack.plugin.logging.ProviderLogging;
import io.tfhyperstack.plugin.tls.AutoMtls;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin process from start to exit: go-plugin's handshake, the gRPC server's life, and the exit
 * code. The caller decides what the provider's services are; this class decides everything about how
 * Terraform reaches them.
 */
public final class PluginMain {
    private static final Logger LOG = Logger.getLogger(PluginMain.class.getName());
    /** Terraform kills the process 2 s after Shutdown; finish well before that. */
    static final Duration DRAIN = Duration.ofMillis(1500);
    static final String CLIENT_CERT_VARIABLE = "PLUGIN_CLIENT_CERT";

    private PluginMain() {
    }

    /**
     * Serves the provider for one plugin life: checks the environment Terraform set, prints the
     * handshake on the environment's stdout, serves until the client's Shutdown.
     *
     * @param args {@code --debug} (or {@code -debug}) for debug mode; nothing otherwise
     * @param providerServices builds the provider's gRPC services; called once, after the handshake
     * @param environment the process's own ({@link PluginEnvironment#ofProcess()}), a test's, or a
     *     service session's
     * @return the exit code: 0 after the client's Shutdown, 1 when the plugin cannot or must not run
     */
    public static int run(String[] args, Supplier<List<BindableService>> providerServices,
            PluginEnvironment environment) {
        if (environment.installsLogging()) {
            ProviderLogging.install(environment.stderr(), logLevel(environment));
        }
        try {
            if (isDebug(args)) {
                return serveDebug(providerServices, environment);
            }
            return serve(providerServices, environment);
        } catch (LaunchFailure failure) {
            environment.stderr().println("Error: " + failure.getMessage());
            return failure.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int serve(Supplier<List<BindableService>> providerServices, PluginEnvironment environment)
            throws LaunchFailure, InterruptedException {
        if (!MagicCookie.isPresent(environment)) {
            environment.stderr().print(MagicCookie.explanation());
            environment.stderr().flush();
            return 1;
        }
        int protocol = ProtocolVersions.negotiate(environment.variable(ProtocolVersions.VARIABLE));
        String clientCertificate = environment.variable(CLIENT_CERT_VARIABLE);
        // Started first: the certificate takes about as long as the server's start-up, and they overlap.
        AutoMtls tls = clientCertificate == null ? null : AutoMtls.start();
        PluginServer server = PluginServer.start(new PluginServer.Settings(
                socketParent(environment), PortRange.from(environment),
                tls, true, providerServices));
        try {
            HandshakeLine handshake = new HandshakeLine(protocol, server.address(),
                    tls == null ? null : serverCertificate(tls, clientCertificate));
            PrintStream stdout = environment.stdout();
            stdout.println(handshake.format());
            stdout.flush();
            if (environment.processStreams()) {
                StdoutGuard.redirectToStderr();
                ProcessSignals.ignoreInterrupt();
                releaseOnExit(server);
            }
            LOG.fine(() -> "serving tfplugin" + protocol + " on " + server.address().network() + " "
                    + server.address().address() + (tls == null ? " without TLS" : " with mutual TLS"));
            server.awaitShutdownRequest();
            LOG.fine("shutdown requested by the client");
            return 0;
        } finally {
            server.stop(DRAIN);
        }
    }

    private static int serveDebug(Supplier<List<BindableService>> providerServices, PluginEnvironment environment)
            throws LaunchFailure, InterruptedException {
        PluginServer server = PluginServer.start(new PluginServer.Settings(
                socketParent(environment), PortRange.from(environment), null, false, providerServices));
        try {
            if (environment.processStreams()) {
                releaseOnExit(server);
            }
            environment.stdout().print(DebugReattach.instructions(
                    server.address(), ProcessHandle.current().pid(), ProtocolVersions.SUPPORTED));
            environment.stdout().flush();
            server.awaitShutdownRequest();
            return 0;
        } finally {
            server.stop(DRAIN);
        }
    }

    /** The walk's log level, from TF_LOG_PROVIDER or TF_LOG as Terraform reads them. */
    public static HclogLevel logLevel(PluginEnvironment environment) {
        return HclogLevel.fromSettings(environment.variable("TF_LOG_PROVIDER"), environment.variable("TF_LOG"));
    }

    /** Reads the client's certificate while the server's is being made, then waits for the latter. */
    private static byte[] serverCertificate(AutoMtls tls, String clientCertificatePem) throws LaunchFailure {
        try {
            tls.trustClient(clientCertificatePem);
            return tls.certificateDer();
        } catch (GeneralSecurityException e) {
            LOG.log(Level.FINE, "AutoMTLS set-up failed", e);
            throw new LaunchFailure("Cannot set up TLS with the client certificate in " + CLIENT_CERT_VARIABLE
                    + ": " + e.getMessage(), e);
        }
    }

    /** Where the socket's private directory goes: go-plugin's override, then Go's os.TempDir() rules. */
    static Path socketParent(PluginEnvironment environment) {
        String configured = environment.variable("PLUGIN_UNIX_SOCKET_DIR");
        if (configured == null) {
            configured = environment.variable("TMPDIR");
        }
        if (configured == null) {
            configured = System.getProperty("java.io.tmpdir");
        }
        return Path.of(configured);
    }

    private static void releaseOnExit(PluginServer server) {
        // SIGTERM or System.exit skip run()'s finally block; the socket directory must still go.
        Thread release = new Thread(() -> server.address().release(), "socket-cleanup");
        Runtime.getRuntime().addShutdownHook(release);
    }

    private static boolean isDebug(String[] args) {
        return Arrays.asList(args).contains("--debug") || Arrays.asList(args).contains("-debug");
    }
}
