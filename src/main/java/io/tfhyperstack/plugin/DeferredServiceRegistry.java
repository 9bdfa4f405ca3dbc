package io.tfhyperstack.plugin;

import io.grpc.BindableService;
import io.grpc.HandlerRegistry;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider's services, built on a background thread after the handshake line is out. Loading the
 * provider (schemas, HTTP client, JSON) then overlaps with Terraform connecting and doing its TLS
 * handshake. gRPC looks methods up on its call executor, not on the I/O thread, so a call that
 * arrives early simply waits here for the services to be ready.
 */
final class DeferredServiceRegistry extends HandlerRegistry {
    private static final Logger LOG = Logger.getLogger(DeferredServiceRegistry.class.getName());
    /** Terraform itself gives a plugin a minute to start; waiting longer helps nobody. */
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final CompletableFuture<Map<String, ServerMethodDefinition<?, ?>>> methods = new CompletableFuture<>();
    private final CompletableFuture<List<ServerServiceDefinition>> services = new CompletableFuture<>();
    private final Supplier<List<BindableService>> supplier;

    DeferredServiceRegistry(Supplier<List<BindableService>> supplier) {
        this.supplier = supplier;
    }

    /** Starts building the services on a daemon thread; idempotent in effect because it is called once. */
    void startLoading() {
        Thread loader = new Thread(this::load, "provider-services-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Builds the services on the calling thread. */
    void load() {
        try {
            List<ServerServiceDefinition> definitions = new ArrayList<>();
            Map<String, ServerMethodDefinition<?, ?>> byName = new HashMap<>();
            for (BindableService service : supplier.get()) {
                ServerServiceDefinition definition = service.bindService();
                definitions.add(definition);
                for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                    byName.put(method.getMethodDescriptor().getFullMethodName(), method);
                }
            }
            services.complete(List.copyOf(definitions));
            methods.complete(Map.copyOf(byName));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "the provider's services could not be created", e);
            services.completeExceptionally(e);
            methods.completeExceptionally(e);
        }
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        try {
            return methods.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(methodName);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            // Unknown method: gRPC answers UNIMPLEMENTED, and the cause was logged when loading failed.
            return null;
        }
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
        return services.getNow(List.of());
    }
}
