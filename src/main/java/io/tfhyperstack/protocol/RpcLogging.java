package io.tfhyperstack.protocol;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Logs each RPC's name, outcome and duration at debug level, so that {@code TF_LOG=debug} shows what
 * Terraform asked of the provider and how long each answer took.
 */
public final class RpcLogging implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger("io.tfhyperstack.rpc");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        long started = System.nanoTime();
        LOG.log(System.Logger.Level.DEBUG, () -> "rpc " + method + " started");
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.log(System.Logger.Level.DEBUG, () -> "rpc " + method + " finished: " + status.getCode()
                        + " in " + millis + " ms");
                super.close(status, trailers);
            }
        }, headers);
    }
}
