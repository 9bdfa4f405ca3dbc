package io.tfhyperstack.plugin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One listening gRPC server and everything it holds: the event loop, the socket directory, the
 * shutdown latch. Kept apart from the services so the same life cycle serves Terraform, debug mode and
 * tests: start, wait for the shutdown request, stop with a drain deadline.
 */
public final class PluginServer {
    private static final Logger LOG = Logger.getLogger(PluginServer.class.getName());
    /** go-plugin's Go server accepts messages this large; big plans and states need it. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    /** The longest unix socket path Linux accepts is 107 bytes; macOS allows 103. */
    private static final int MAX_SOCKET_PATH = 103;

    private final Server server;
    private final EventLoopGroup eventLoop;
    private final ExecutorService calls;
    private final ListenAddress address;
    private final ShutdownRequest shutdown;

    private PluginServer(Server server, EventLoopGroup eventLoop, ExecutorService calls, ListenAddress address,
            ShutdownRequest shutdown) {
        this.server = server;
        this.eventLoop = eventLoop;
        this.calls = calls;
        this.address = address;
        this.shutdown = shutdown;
    }

    /**
     * What to serve and where.
     *
     * @param transport the preferred channel flavour; TCP is used when it cannot listen
     * @param socketParent the directory in which the socket's own directory is created
     * @param ports the TCP port range for the fallback
     * @param tls the TLS step for each connection, or null for plaintext
     * @param honoursShutdown whether GRPCController.Shutdown ends the server
     * @param providerServices the provider's own services; built after the server listens
     */
    public record Settings(
            ServerTransport transport,
            Path socketParent,
            PortRange ports,
            InternalProtocolNegotiator.ProtocolNegotiator tls,
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
            all.addAll(settings.providerServices().get());
            return all;
        });
        ServerTransport transport = settings.transport();
        transport.prepareNetty();
        InternalProtocolNegotiator.ProtocolNegotiator tls = settings.tls();
        // Our own pool for the calls, rather than gRPC's shared one, whose thread factory formats its
        // thread names with String.format and so loads the locale machinery during start-up.
        ExecutorService calls = Executors.newCachedThreadPool(new DefaultThreadFactory("plugin-rpc", true));
        PluginServer started = null;
        try {
            if (transport.usesUnixSocket() && transport.isAvailable()) {
                started = tryUnixSocket(settings, transport, services, tls, calls, shutdown);
            }
            if (started == null) {
                started = startOnLoopback(settings, services, tls, calls, shutdown);
            }
        } finally {
            if (started == null) {
                calls.shutdownNow();
            }
        }
        services.startLoading();
        return started;
    }

    private static PluginServer tryUnixSocket(Settings settings, ServerTransport transport,
            DeferredServiceRegistry services, InternalProtocolNegotiator.ProtocolNegotiator tls, ExecutorService calls,
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
        EventLoopGroup eventLoop = transport.newEventLoopGroup(threads());
        try {
            Server server = configure(transport.builderFor(address, eventLoop), services, tls, calls).build().start();
            return new PluginServer(server, eventLoop, calls, address, shutdown);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot listen on a unix socket; using TCP", e);
            eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            address.release();
            return null;
        }
    }

    private static PluginServer startOnLoopback(Settings settings, DeferredServiceRegistry services,
            InternalProtocolNegotiator.ProtocolNegotiator tls, ExecutorService calls, ShutdownRequest shutdown)
            throws LaunchFailure {
        ServerTransport transport = ServerTransport.NIO_TCP;
        EventLoopGroup eventLoop = transport.newEventLoopGroup(threads());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = settings.ports().min(); port <= settings.ports().max(); port++) {
            ListenAddress.Loopback address = new ListenAddress.Loopback(new InetSocketAddress(loopback, port));
            try {
                Server server = configure(transport.builderFor(address, eventLoop), services, tls, calls).build().start();
                return new PluginServer(server, eventLoop, calls, address, shutdown);
            } catch (IOException e) {
                if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
                    LOG.log(Level.FINE, "cannot listen on port " + port, e);
                }
            }
        }
        eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        throw new LaunchFailure("No free TCP port on " + loopback.getHostAddress() + " between "
                + settings.ports().min() + " and " + settings.ports().max() + " (PLUGIN_MIN_PORT/PLUGIN_MAX_PORT).");
    }

    private static NettyServerBuilder configure(NettyServerBuilder builder, DeferredServiceRegistry services,
            InternalProtocolNegotiator.ProtocolNegotiator tls, ExecutorService calls) {
        builder.maxInboundMessageSize(MAX_MESSAGE_BYTES).fallbackHandlerRegistry(services).executor(calls);
        // Census is not on the class path; without these gRPC looks for it reflectively on every start.
        InternalNettyServerBuilder.setStatsEnabled(builder, false);
        InternalNettyServerBuilder.setTracingEnabled(builder, false);
        if (tls != null) {
            builder.protocolNegotiator(tls);
        }
        return builder;
    }

    private static DefaultThreadFactory threads() {
        // Daemon threads: the process's life is decided by run()'s return, never by a stray event loop.
        return new DefaultThreadFactory("plugin-io", true);
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
            // No quiet period: nothing will be submitted to the loop any more, and exit time counts.
            eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            calls.shutdown();
            address.release();
        }
    }
}
