package io.tfhyperstack.plugin;

import com.google.protobuf.Empty;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tfhyperstack.plugin.goplugin.GRPCStdioGrpc;
import io.tfhyperstack.plugin.goplugin.StdioData;

/**
 * go-plugin clients open this stream to mirror the plugin's stdout/stderr. Everything this plugin says
 * already goes to the real stderr (and stdout carries only the handshake), so the stream stays open and
 * empty until shutdown; ending it early would make the client log a spurious error.
 */
final class StdioService extends GRPCStdioGrpc.GRPCStdioImplBase {
    private final ShutdownRequest shutdown;

    StdioService(ShutdownRequest shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void streamStdio(Empty request, StreamObserver<StdioData> responseObserver) {
        ServerCallStreamObserver<StdioData> stream = (ServerCallStreamObserver<StdioData>) responseObserver;
        Runnable end = () -> {
            if (!stream.isCancelled()) {
                stream.onCompleted();
            }
        };
        stream.setOnCancelHandler(() -> { });
        shutdown.onShutdown(end);
    }
}
