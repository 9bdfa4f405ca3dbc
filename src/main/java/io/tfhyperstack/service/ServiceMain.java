package io.tfhyperstack.service;

import io.grpc.BindableService;
import io.tfhyperstack.plugin.logging.HclogLevel;
import io.tfhyperstack.plugin.logging.ProviderLogging;
import io.tfhyperstack.plugin.logging.SessionLogRouter;
import io.tfhyperstack.plugin.tls.FastP521Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The {@code service-run} command: the resident provider service that the launcher starts when it finds
 * none (docs/provider-service.md). Prints {@code ready <pid>} once it listens, or {@code failed <reason>}.
 */
public final class ServiceMain {
    public static final String COMMAND = "service-run";
    private static final Logger LOG = Logger.getLogger(ServiceMain.class.getName());
    /** Long enough for the first walk's start-up, which the warm-up would only slow on a small machine. */
    private static final Duration FAST_VERIFICATION_DELAY = Duration.ofSeconds(2);

    private ServiceMain() {
    }

    /**
     * @param providerServices builds the provider's gRPC services for one session, from its environment
     * @return the exit code
     */
    public static int run(String[] args, Function<Map<String, String>, List<BindableService>> providerServices) {
        PrintStream launcher = System.out;
        ServiceSettings settings;
        try {
            settings = ServiceSettings.parse(args);
        } catch (IllegalArgumentException e) {
            return failed(launcher, e.getMessage());
        }
        SessionLogRouter logs;
        try {
            logs = ProviderLogging.installRouter(ServiceLog.open(settings.log()), HclogLevel.INFO);
        } catch (IOException e) {
            return failed(launcher, "cannot open the log " + settings.log() + ": " + e.getMessage());
        }
        JarIdentity jar = JarIdentity.of(settings.jar());
        if (jar == null) {
            return failed(launcher, "cannot read the jar " + settings.jar());
        }
        ServerSocketChannel listener;
        UserPrincipal owner;
        try {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(settings.socket()));
            // The socket file is this process's own: its owner is the user the service serves.
            owner = Files.getOwner(settings.socket());
        } catch (IOException | UnsupportedOperationException e) {
            return failed(launcher, "cannot listen on " + settings.socket() + ": " + e.getMessage());
        }
        ResidentService service = new ResidentService(settings, listener, owner, jar,
                new SessionRegistry(Clock.systemUTC()), logs, providerServices);
        LOG.info(() -> "service started: pid " + ProcessHandle.current().pid() + ", build " + settings.key()
                + ", jar " + settings.jar() + ", idle timeout " + settings.idle().toSeconds() + " s");
        launcher.println("ready " + ProcessHandle.current().pid());
        launcher.flush();
        // The launcher stops reading after that line; nothing else may go to the pipe.
        System.setOut(System.err);
        FastP521Verification.installLater(FAST_VERIFICATION_DELAY);
        try {
            service.serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int failed(PrintStream launcher, String reason) {
        launcher.println("failed " + reason.replace('\n', ' '));
        launcher.flush();
        return 1;
    }
}
