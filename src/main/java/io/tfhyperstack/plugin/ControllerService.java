package io.tfhyperstack.plugin;

import io.grpc.stub.StreamObserver;
import io.tfhyperstack.plugin.goplugin.Empty;
import io.tfhyperstack.plugin.goplugin.GRPCControllerGrpc;

/** go-plugin's way for the client to end the plugin: answer, then let the server drain and exit. */
final class ControllerService extends GRPCControllerGrpc.GRPCControllerImplBase {
    private final ShutdownRequest shutdown;
    private final boolean honoursShutdown;

    /**
     * @param honoursShutdown false in debug mode, where a person owns the process's life and several
     *     Terraform runs may attach one after another
     */
    ControllerService(ShutdownRequest shutdown, boolean honoursShutdown) {
        this.shutdown = shutdown;
        this.honoursShutdown = honoursShutdown;
    }

    @Override
    public void shutdown(Empty request, StreamObserver<Empty> responseObserver) {
        responseObserver.onNext(Empty.getDefaultInstance());
        responseObserver.onCompleted();
        if (honoursShutdown) {
            shutdown.request();
        }
    }
}
