package io.tfhyperstack.plugin;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tfhyperstack.plugin.goplugin.ConnInfo;
import io.tfhyperstack.plugin.goplugin.GRPCBrokerGrpc;

/**
 * go-plugin's connection broker. Terraform providers never ask for extra connections, so the stream is
 * accepted, whatever arrives on it is ignored, and it is ended at shutdown.
 */
final class BrokerService extends GRPCBrokerGrpc.GRPCBrokerImplBase {
    private final ShutdownRequest shutdown;

    BrokerService(ShutdownRequest shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> responseObserver) {
        ServerCallStreamObserver<ConnInfo> stream = (ServerCallStreamObserver<ConnInfo>) responseObserver;
        stream.setOnCancelHandler(() -> { });
        Runnable end = () -> {
            if (!stream.isCancelled()) {
                stream.onCompleted();
            }
        };
        shutdown.onShutdown(end);
        return new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                end.run();
            }
        };
    }
}
