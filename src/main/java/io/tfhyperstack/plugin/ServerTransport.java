package io.tfhyperstack.plugin;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The netty channel flavours the plugin can listen with. JDK NIO unix sockets (Java 16+) are the
 * default: they behave like epoll's for one local client but need no native library unpacked and
 * loaded at start-up. Epoll stays selectable for comparison; TCP is the fallback where unix sockets
 * fail (path too long, no support).
 */
public enum ServerTransport {
    NIO_UNIX {
        @Override
        NettyServerBuilder builderFor(ListenAddress address, EventLoopGroup group) {
            ListenAddress.UnixSocket unix = (ListenAddress.UnixSocket) address;
            return bind(UnixDomainSocketAddress.of(unix.socket()), NioServerDomainSocketChannel.class, group);
        }

        @Override
        EventLoopGroup newEventLoopGroup(ThreadFactory threads) {
            return new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
        }
    },
    EPOLL_UNIX {
        @Override
        NettyServerBuilder builderFor(ListenAddress address, EventLoopGroup group) {
            ListenAddress.UnixSocket unix = (ListenAddress.UnixSocket) address;
            return bind(new DomainSocketAddress(unix.socket().toString()), EpollServerDomainSocketChannel.class,
                    group);
        }

        @Override
        EventLoopGroup newEventLoopGroup(ThreadFactory threads) {
            return new MultiThreadIoEventLoopGroup(1, threads, EpollIoHandler.newFactory());
        }

        @Override
        boolean isAvailable() {
            return Epoll.isAvailable();
        }
    },
    NIO_TCP {
        @Override
        NettyServerBuilder builderFor(ListenAddress address, EventLoopGroup group) {
            ListenAddress.Loopback loopback = (ListenAddress.Loopback) address;
            return bind(loopback.socketAddress(), NioServerSocketChannel.class, group);
        }

        @Override
        EventLoopGroup newEventLoopGroup(ThreadFactory threads) {
            return new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
        }

        @Override
        boolean usesUnixSocket() {
            return false;
        }
    };

    /**
     * Settles netty's process-wide switches before its classes initialise. All skip work netty would
     * otherwise do on every start: probing for and unpacking its native epoll library (gRPC checks
     * for it even when NIO is used), and deriving a machine id from the network interfaces, which only
     * serves to make channel ids unique across hosts.
     */
    void prepareNetty() {
        if (this != EPOLL_UNIX) {
            System.setProperty("io.grpc.netty.shaded.io.netty.transport.noNative", "true");
            // The OS classifiers only pick a native library's file name; without them netty reads
            // /etc/os-release on every start.
            if (System.getProperty("io.grpc.netty.shaded.io.netty.osClassifiers") == null) {
                System.setProperty("io.grpc.netty.shaded.io.netty.osClassifiers", "");
            }
        }
        // Netty looks for SLF4J, Log4j 2 and Log4j before settling on java.util.logging, which costs a
        // failed class lookup in the jar and an exception each. java.util.logging is where our log
        // handler is, so say so up front.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        // Netty's buffer allocators emit JFR events when JFR is usable; the first allocation then
        // registers event classes and generates their handlers (about 80 jdk.jfr classes and bytecode
        // spinning, during the first client's TLS handshake). Nobody records JFR of a provider.
        if (System.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.jfr.enabled", "false");
        }
        // gRPC makes a pooled buffer allocator of its own besides netty's default one; with one
        // connection, one allocator is enough, and the second one's set-up sits on the start-up path.
        if (System.getProperty("io.grpc.netty.shaded.io.grpc.netty.useCustomAllocator") == null) {
            System.setProperty("io.grpc.netty.shaded.io.grpc.netty.useCustomAllocator", "false");
        }
        if (System.getProperty("io.grpc.netty.shaded.io.netty.machineId") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.machineId", "00:00:00:00:00:00:00:01");
        }
    }

    /** Overrides the choice, for measurements: {@code -Dtfhyperstack.plugin.transport=epoll_unix}. */
    static final String PROPERTY = "tfhyperstack.plugin.transport";

    abstract NettyServerBuilder builderFor(ListenAddress address, EventLoopGroup group);

    abstract EventLoopGroup newEventLoopGroup(ThreadFactory threads);

    boolean usesUnixSocket() {
        return true;
    }

    boolean isAvailable() {
        return true;
    }

    static ServerTransport preferred() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null) {
            return valueOf(chosen.toUpperCase(Locale.ROOT));
        }
        return NIO_UNIX;
    }

    private static NettyServerBuilder bind(
            SocketAddress socketAddress, Class<? extends ServerChannel> channel, EventLoopGroup group) {
        // One small group does both accepting and I/O: there is exactly one client, and RPC work runs on
        // gRPC's executor, not on the event loop.
        return NettyServerBuilder.forAddress(socketAddress)
                .channelType(channel)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group);
    }
}
