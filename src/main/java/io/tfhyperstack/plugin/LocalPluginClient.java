package io.tfhyperstack.plugin;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.tfhyperstack.plugin.goplugin.Empty;
import io.tfhyperstack.plugin.goplugin.GRPCControllerGrpc;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.net.UnixDomainSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The client side of the go-plugin handshake, as Terraform does it: read the handshake line, dial the
 * address, trust exactly the certificate in it, present our own. Used by the class-data-sharing
 * training run and by tests, so both exercise the real server path end to end.
 */
public final class LocalPluginClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;

    private LocalPluginClient(ManagedChannel channel, EventLoopGroup eventLoop) {
        this.channel = channel;
        this.eventLoop = eventLoop;
    }

    /**
     * @param handshakeLine the plugin's first stdout line
     * @param identity the client certificate to present, or null to present none
     */
    public static LocalPluginClient connect(String handshakeLine, SelfSignedCertificate identity)
            throws GeneralSecurityException, SSLException {
        String[] fields = handshakeLine.trim().split("\\|", -1);
        if (fields.length != 6 || !fields[4].equals("grpc")) {
            throw new IllegalArgumentException("not a go-plugin handshake line: " + handshakeLine);
        }
        EventLoopGroup eventLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("plugin-client", true));
        NettyChannelBuilder builder;
        if (fields[2].equals("unix")) {
            builder = NettyChannelBuilder.forAddress(UnixDomainSocketAddress.of(fields[3]))
                    .channelType(NioDomainSocketChannel.class);
        } else {
            int colon = fields[3].lastIndexOf(':');
            builder = NettyChannelBuilder.forAddress(
                    fields[3].substring(0, colon), Integer.parseInt(fields[3].substring(colon + 1)))
                    .channelType(NioSocketChannel.class);
        }
        builder.eventLoopGroup(eventLoop).maxInboundMessageSize(PluginServer.MAX_MESSAGE_BYTES);
        if (fields[5].isEmpty()) {
            builder.usePlaintext();
        } else {
            SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(serverCertificate(fields[5]));
            if (identity != null) {
                tls.keyManager(identity.privateKey(), identity.certificate());
            }
            // The server certificate names localhost, as go-plugin's do; Go checks that name too.
            builder.sslContext(tls.build()).overrideAuthority("localhost");
        }
        return new LocalPluginClient(builder.build(), eventLoop);
    }

    private static X509Certificate serverCertificate(String base64WithoutPadding) throws GeneralSecurityException {
        byte[] der = Base64.getDecoder().decode(base64WithoutPadding);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The health service's answer for {@code service}, within a few seconds. */
    public HealthCheckResponse.ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    /** Asks the plugin to exit, as Terraform does when it is done with it. */
    public void shutdownPlugin() {
        GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .shutdown(Empty.getDefaultInstance());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
