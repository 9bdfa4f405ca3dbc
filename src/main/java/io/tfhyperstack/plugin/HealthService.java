package io.tfhyperstack.plugin;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The standard gRPC health service, answering for the server as a whole ("") and for "plugin", the name
 * go-plugin clients ping. A process that answers at all is serving, so there is no state to track.
 */
final class HealthService extends HealthGrpc.HealthImplBase {
    static final String PLUGIN = "plugin";

    private final ShutdownRequest shutdown;

    HealthService(ShutdownRequest shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
        if (!isKnown(request.getService())) {
            responseObserver.onError(Status.NOT_FOUND
                    .withDescription("unknown service " + request.getService())
                    .asRuntimeException());
            return;
        }
        responseObserver.onNext(status(ServingStatus.SERVING));
        responseObserver.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
        ServerCallStreamObserver<HealthCheckResponse> stream =
                (ServerCallStreamObserver<HealthCheckResponse>) responseObserver;
        stream.setOnCancelHandler(() -> { });
        stream.onNext(status(isKnown(request.getService())
                ? ServingStatus.SERVING
                : ServingStatus.SERVICE_UNKNOWN));
        shutdown.onShutdown(() -> {
            if (!stream.isCancelled()) {
                stream.onNext(status(ServingStatus.NOT_SERVING));
                stream.onCompleted();
            }
        });
    }

    private static boolean isKnown(String service) {
        return service.isEmpty() || PLUGIN.equals(service);
    }

    private static HealthCheckResponse status(ServingStatus status) {
        return HealthCheckResponse.newBuilder().setStatus(status).build();
    }
}
