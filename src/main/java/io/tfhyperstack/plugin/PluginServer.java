package io.tfhyperstack.plugin;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.okhttp.InternalOkHttpServerBuilder;
import io.grpc.okhttp.OkHttpServerBuilder;
import io.tfhyperstack.plugin.tls.AutoMtls;
import io.tfhyperstack.plugin.unix.UnixDomainServerSocket;
import io.tfhyperstack.util.DaemonThreads;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ServerSocketFactory;

/**
 * One listening gRPC server and everything it holds: its threads, the socket directory, the shutdown
 * latch. Kept apart from the services so the same life cycle serves Terraform, debug mode and
 * tests: start, wait for the shutdown request, stop with a drain deadline.
 */
public final class PluginServer {
    private static final Logger LOG = Logger.getLogger(PluginServer.class.getName());
    /** go-plugin's Go server accepts messages this large; big plans and states need it. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    /**
     * HTTP/2 flow-control window per stream and connection. The OkHttp transport's default, 64 KiB,
     * makes a multi-megabyte plan or state wait for a window update every 64 KiB; 1 MiB is the netty
     * transport's default, which the plugin had before.
     */
    private static final int FLOW_CONTROL_WINDOW = 1024 * 1024;
    /** The longest unix socket path Linux accepts is 107 bytes; macOS allows 103. */
    private static final int MAX_SOCKET_PATH = 103;

    private final Server server;
    private final Threads threads;
    private final ListenAddress address;
    private final ShutdownRequest shutdown;

    private PluginServer(Server server, Threads threads, ListenAddress address, ShutdownRequest shutdown) {
        this.server = server;
        this.threads = threads;
        this.address = address;
        this.shutdown = shutdown;
    }

    /**
     * What to serve and where.
     *
     * @param socketParent the directory in which the socket's own directory is created
     * @param ports the TCP port range for the fallback
     * @param tls the mutual TLS for every connection, or null for plaintext
     * @param honoursShutdown whether GRPCController.Shutdown ends the server
     * @param providerServices the provider's own services; built after the server listens
     */
    public record Settings(
            Path socketParent,
            PortRange ports,
            AutoMtls tls,
            boolean honoursShutdown,
            Supplier<List<BindableService>> providerServices) {
    }

    /**
     * Listens, and starts building the services in the background. Nothing here touches protobuf or
     * the services, so the caller can announce the address as early as possible; calls that arrive
     * before the services are built wait for them.
     */
    public static PluginServer start(Settings settings) throws LaunchFailure {
        ShutdownRequest shutdown = new ShutdownRequest();
        DeferredServiceRegistry services = new DeferredServiceRegistry(() -> {
            List<BindableService> all = new ArrayList<>(List.of(
                    new HealthService(shutdown),
                    new ControllerService(shutdown, settings.honoursShutdown()),
                    new StdioService(shutdown),
                    new BrokerService(shutdown)));
            for (BindableService service : settings.providerServices().get()) {
                if (service instanceof EndsWithPlugin ending) {
                    shutdown.onShutdown(ending::pluginEnded);
                }
                all.add(service);
            }
            return all;
        });
        Threads threads = new Threads();
        PluginServer started = null;
        try {
            started = tryUnixSocket(settings, services, threads, shutdown);
            if (started == null) {
                started = startOnLoopback(settings, services, threads, shutdown);
            }
        } finally {
            if (started == null) {
                threads.shutdown();
            }
        }
        services.startLoading();
        return started;
    }

    private static PluginServer tryUnixSocket(Settings settings, DeferredServiceRegistry services, Threads threads,
            ShutdownRequest shutdown) {
        ListenAddress.UnixSocket address;
        try {
            Path directory = PrivateDirectory.create(settings.socketParent());
            address = new ListenAddress.UnixSocket(directory, directory.resolve("provider.sock"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "no private directory for a unix socket; using TCP", e);
            return null;
        }
        if (address.address().length() > MAX_SOCKET_PATH) {
            LOG.fine(() -> "socket path too long for a unix socket (" + address.address() + "); using TCP");
            address.release();
            return null;
        }
        try {
            Server server = configure(UnixDomainSocketAddress.of(address.socket()), UnixDomainServerSocket.factory(),
                    settings, services, threads).build().start();
            return new PluginServer(server, threads, address, shutdown);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot listen on a unix socket; using TCP", e);
            address.release();
            return null;
        }
    }

    private static PluginServer startOnLoopback(Settings settings, DeferredServiceRegistry services, Threads threads,
            ShutdownRequest shutdown) throws LaunchFailure {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = settings.ports().min(); port <= settings.ports().max(); port++) {
            ListenAddress.Loopback address = new ListenAddress.Loopback(new InetSocketAddress(loopback, port));
            try {
                Server server = configure(address.socketAddress(), ServerSocketFactory.getDefault(),
                        settings, services, threads).build().start();
                return new PluginServer(server, threads, address, shutdown);
            } catch (IOException e) {
                if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
                    LOG.log(Level.FINE, "cannot listen on port " + port, e);
                }
            }
        }
        throw new LaunchFailure("No free TCP port on " + loopback.getHostAddress() + " between "
                + settings.ports().min() + " and " + settings.ports().max() + " (PLUGIN_MIN_PORT/PLUGIN_MAX_PORT).");
    }

    private static OkHttpServerBuilder configure(SocketAddress address, ServerSocketFactory sockets, Settings settings,
            DeferredServiceRegistry services, Threads threads) {
        // TLS, when there is any, is done by the sockets (see MutualTlsServerSocket); to gRPC every
        // connection looks like plaintext HTTP/2.
        OkHttpServerBuilder builder = OkHttpServerBuilder.forPort(address, InsecureServerCredentials.create())
                .socketFactory(settings.tls() == null ? sockets : settings.tls().serverSockets(sockets));
        builder.maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .flowControlWindow(FLOW_CONTROL_WINDOW)
                .fallbackHandlerRegistry(services)
                .executor(threads.calls)
                .transportExecutor(threads.transport)
                .scheduledExecutorService(threads.timers);
        // Census is not on the class path; without this gRPC looks for it reflectively on every start.
        InternalOkHttpServerBuilder.setStatsEnabled(builder, false);
        return builder;
    }

    /**
     * The server's threads, ours rather than gRPC's shared pools, whose thread factories format names
     * with String.format and so load the locale machinery during start-up.
     */
    private static final class Threads {
        /** Accepting, and reading and writing each connection: blocking I/O, a thread per task. */
        final ExecutorService transport = Executors.newCachedThreadPool(DaemonThreads.named("plugin-io"));
        /** The RPC handlers. */
        final ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("plugin-rpc"));
        /** Keep-alive and shutdown deadlines. */
        final ScheduledExecutorService timers = timers();

        private static ScheduledExecutorService timers() {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("plugin-timer"));
            timers.setRemoveOnCancelPolicy(true);
            return timers;
        }

        void shutdown() {
            calls.shutdown();
            transport.shutdown();
            timers.shutdownNow();
        }
    }

    public ListenAddress address() {
        return address;
    }

    /** Blocks until the client asks the plugin to shut down. */
    public void awaitShutdownRequest() throws InterruptedException {
        shutdown.await();
    }

    /** Asks the server to shut down as if the client had called GRPCController.Shutdown. */
    public void requestShutdown() {
        shutdown.request();
    }

    /**
     * Ends open streams, lets in-flight calls finish for at most {@code drain}, then cuts the rest and
     * removes the socket directory.
     */
    public void stop(Duration drain) {
        shutdown.request();
        shutdown.runShutdownActions();
        server.shutdown();
        try {
            if (!server.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "calls still running after " + drain.toMillis() + " ms; cancelling them");
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown();
            address.release();
        }
    }
}
