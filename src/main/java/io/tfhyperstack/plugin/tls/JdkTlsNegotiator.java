package io.tfhyperstack.plugin.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Server-side TLS for gRPC straight on a JDK {@link SSLContext}, bypassing netty's SslContext. Netty's
 * JDK context initialises process-wide defaults on first use (a probe with a built-in RSA key in a
 * PBKDF2-protected PKCS#12 store, plus the system CA bundle), which measured as the single largest
 * start-up cost. gRPC's own TLS step in turn only accepts netty's engine wrappers when checking ALPN.
 *
 * <p>So the pipeline is built here: a netty {@link SslHandler} over a JDK engine (server mode, client
 * certificate required, TLS 1.2/1.3, ALPN "h2" only), a check that the handshake really agreed on h2,
 * then gRPC's plaintext negotiation, which from there on sees decrypted bytes. HTTP/2 frames the server
 * writes early wait inside the SslHandler until the handshake is done.
 */
final class JdkTlsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {
    static final String HTTP2 = "h2";
    private static final Logger LOG = Logger.getLogger(JdkTlsNegotiator.class.getName());
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final AsciiString HTTPS = AsciiString.of("https");

    private final SSLContext context;
    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext =
            InternalProtocolNegotiators.serverPlaintext();

    JdkTlsNegotiator(SSLContext context) {
        this.context = context;
    }

    @Override
    public AsciiString scheme() {
        return HTTPS;
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        ChannelHandler afterTls = plaintext.newHandler(grpcHandler);
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                SslHandler tls = new SslHandler(newEngine());
                ctx.pipeline().addBefore(ctx.name(), null, tls);
                ctx.pipeline().addBefore(ctx.name(), null, new AlpnCheck());
                ctx.pipeline().replace(this, null, afterTls);
            }
        };
    }

    @Override
    public void close() {
        plaintext.close();
    }

    SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        parameters.setApplicationProtocols(new String[] {HTTP2});
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Drops connections whose handshake failed or did not agree on HTTP/2, then steps aside. */
    private static final class AlpnCheck extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (!handshake.isSuccess()) {
                    LOG.log(Level.FINE, "TLS handshake with the client failed", handshake.cause());
                    ctx.close();
                    return;
                }
                String protocol = ctx.pipeline().get(SslHandler.class).engine().getApplicationProtocol();
                if (!HTTP2.equals(protocol)) {
                    LOG.fine(() -> "client did not negotiate h2 over ALPN (got '" + protocol + "'); closing");
                    ctx.close();
                    return;
                }
                ctx.pipeline().remove(this);
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
