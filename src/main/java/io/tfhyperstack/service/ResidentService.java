package io.tfhyperstack.service;

import io.grpc.BindableService;
import io.tfhyperstack.plugin.logging.SessionLogRouter;
import io.tfhyperstack.util.DaemonThreads;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider service's life: accept launchers' connections on the service socket, serve each as a
 * {@link Session}, answer status and stop requests, and stop when idle, when the jar is replaced or
 * when asked. Follows grpc-java's server life: start, serve until a stop is decided, drain, exit.
 */
final class ResidentService {
    private static final Logger LOG = Logger.getLogger(ResidentService.class.getName());
    /** How often the service looks at its jar and its idle time. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** How long a stop request lets live sessions finish. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ServiceSettings settings;
    private final ServerSocketChannel listener;
    private final UserPrincipal owner;
    private final JarIdentity jar;
    private final SessionRegistry sessions;
    private final SessionLogRouter logs;
    private final Function<Map<String, String>, List<BindableService>> providerServices;
    private final ThreadFactory connectionThreads = DaemonThreads.named("service-connection");
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile Duration drainLimit;

    ResidentService(ServiceSettings settings, ServerSocketChannel listener, UserPrincipal owner, JarIdentity jar,
            SessionRegistry sessions, SessionLogRouter logs,
            Function<Map<String, String>, List<BindableService>> providerServices) {
        this.settings = settings;
        this.listener = listener;
        this.owner = owner;
        this.jar = Objects.requireNonNull(jar, "jar");
        this.sessions = sessions;
        this.logs = logs;
        this.providerServices = providerServices;
    }

    /** Serves until a stop is decided, then waits for the live sessions; returns when the service may exit. */
    void serve() throws InterruptedException {
        Thread watcher = DaemonThreads.named("service-watch").newThread(this::watch);
        watcher.start();
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException stopped) {
                break;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accepting a connection failed", e);
                continue;
            }
            connectionThreads.newThread(() -> handle(channel)).start();
        }
        Duration limit = drainLimit;
        if (!sessions.awaitNoSessions(limit)) {
            LOG.warning(() -> "sessions still live after " + limit.toSeconds() + " s; exiting anyway");
        }
        LOG.info(() -> "service stopped: " + sessions.stopReason());
    }

    /** Every {@link #WATCH_INTERVAL}: stop when idle long enough, or when the jar is no longer ours. */
    private void watch() {
        try {
            while (listener.isOpen()) {
                Thread.sleep(WATCH_INTERVAL.toMillis());
                if (!jar.equals(JarIdentity.of(settings.jar()))) {
                    stop("the jar " + settings.jar() + " was replaced or removed", null);
                } else if (sessions.stopIfIdle(settings.idle())) {
                    close(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Refuses new sessions, removes the socket and stops accepting. The socket file goes first: a
     * launcher that finds no file starts a new service, and a new service's socket at the same path
     * must never be removed by this one.
     *
     * @param drain how long live sessions may go on (null: until they end)
     */
    void stop(String reason, Duration drain) {
        if (sessions.stop(reason)) {
            close(drain);
        }
    }

    private void close(Duration drain) {
        drainLimit = drain;
        LOG.info(() -> "stopping: " + sessions.stopReason());
        try {
            Files.deleteIfExists(settings.socket());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove the socket " + settings.socket(), e);
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the listener", e);
        }
    }

    private void handle(SocketChannel channel) {
        try (FrameConnection connection = new FrameConnection(channel)) {
            if (!PeerCredentials.isOwner(channel, owner)) {
                UserPrincipal peer = PeerCredentials.peerUser(channel);
                LOG.warning(() -> "refused a connection from user " + (peer == null ? "(unknown)" : peer.getName()));
                connection.send(Frame.text(Frame.REFUSED, "the provider service serves only its own user"));
                return;
            }
            Frame request = connection.read();
            if (request == null) {
                return;
            }
            switch (request.type()) {
                case Frame.START -> startSession(connection, request);
                case Frame.STATUS -> connection.send(Frame.text(Frame.DATA, status()));
                case Frame.STOP -> {
                    connection.send(Frame.text(Frame.DATA, status() + "stopping: yes, when the live sessions end\n"));
                    stop("asked to stop", STOP_GRACE);
                }
                default -> connection.send(Frame.text(Frame.REFUSED, "unknown request " + (char) request.type()));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "a launcher's connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startSession(FrameConnection connection, Frame frame) throws IOException, InterruptedException {
        SessionRequest request = SessionRequest.decode(frame.payload());
        if (!SessionRequest.PROTOCOL_VERSION.equals(request.protocolVersion()) || !settings.key().equals(request.key())) {
            connection.send(Frame.text(Frame.REFUSED, "this service is build " + settings.key()
                    + " with protocol " + SessionRequest.PROTOCOL_VERSION));
            return;
        }
        if (!sessions.open()) {
            connection.send(Frame.text(Frame.REFUSED, "the service is stopping (" + sessions.stopReason() + ")"));
            return;
        }
        long id = sessionIds.incrementAndGet();
        LOG.info(() -> "session " + id + " opened for launcher pid " + request.launcherPid());
        try {
            new Session(id, connection, request, providerServices, logs).run();
        } finally {
            sessions.close();
        }
    }

    private String status() {
        SessionRegistry.Snapshot now = sessions.snapshot();
        Duration up = Duration.between(now.started(), Instant.now());
        return "pid: " + ProcessHandle.current().pid() + "\n"
                + "build: " + settings.key() + "\n"
                + "jar: " + settings.jar() + "\n"
                + "java: " + System.getProperty("java.home") + " (" + Runtime.version() + ")\n"
                + "started: " + now.started() + " (up " + up.toSeconds() + " s)\n"
                + "sessions: " + now.live() + " live, " + now.served() + " served\n"
                + "idle timeout: " + settings.idle().toSeconds() + " s\n"
                + "heap: " + Runtime.getRuntime().totalMemory() / (1024 * 1024) + " MiB of at most "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB\n"
                + "log: " + (settings.log() == null ? "(none)" : settings.log() + ".0") + "\n";
    }
}
