package io.tfhyperstack.plugin.tls;

import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/**
 * A netty {@link SslContext} that is a thin shell around a plain JDK {@link SSLContext}. Netty's own JDK
 * context, on first use, probes the JDK with a built-in RSA key stored in a password-protected
 * PKCS#12 key store and loads the system CA bundle; together that was most of the plugin's start-up
 * time. This shell does none of it: the engine is configured directly (server mode, client certificate
 * required, TLS 1.2/1.3, ALPN "h2"), and the handler reports the ALPN result from the JDK engine, which
 * is what gRPC checks before speaking HTTP/2.
 */
final class JdkServerTls extends SslContext {
    static final String HTTP2 = "h2";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final ApplicationProtocolNegotiator ALPN_H2 = () -> List.of(HTTP2);

    private final SSLContext context;

    JdkServerTls(SSLContext context) {
        this.context = context;
    }

    @Override
    public boolean isClient() {
        return false;
    }

    @Override
    public List<String> cipherSuites() {
        return Arrays.asList(context.getDefaultSSLParameters().getCipherSuites());
    }

    @Override
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return ALPN_H2;
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return configure(context.createSSLEngine());
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return configure(context.createSSLEngine(peerHost, peerPort));
    }

    @Override
    public SSLSessionContext sessionContext() {
        return context.getServerSessionContext();
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        return new AlpnReportingHandler(newEngine(alloc), startTls, null);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
        return new AlpnReportingHandler(newEngine(alloc), startTls, executor);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
        return new AlpnReportingHandler(newEngine(alloc, peerHost, peerPort), startTls, null);
    }

    @Override
    protected SslHandler newHandler(
            ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls, Executor executor) {
        return new AlpnReportingHandler(newEngine(alloc, peerHost, peerPort), startTls, executor);
    }

    private static SSLEngine configure(SSLEngine engine) {
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        parameters.setApplicationProtocols(new String[] {HTTP2});
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Netty only knows the negotiated protocol of its own engine wrappers; ask the JDK engine. */
    private static final class AlpnReportingHandler extends SslHandler {
        AlpnReportingHandler(SSLEngine engine, boolean startTls, Executor executor) {
            super(engine, startTls, executor == null ? Runnable::run : executor);
        }

        @Override
        public String applicationProtocol() {
            String negotiated = engine().getApplicationProtocol();
            return negotiated == null || negotiated.isEmpty() ? null : negotiated;
        }
    }
}
