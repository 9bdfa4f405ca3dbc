package io.tfhyperstack;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.server.ProviderServer;
import io.tfhyperstack.plugin.EndsWithPlugin;
import io.tfhyperstack.plugin.PluginEnvironment;
import io.tfhyperstack.plugin.PluginMain;
import io.tfhyperstack.protocol.ProviderService;
import io.tfhyperstack.protocol.RpcLogging;
import io.tfhyperstack.provider.HyperstackProvider;
import io.tfhyperstack.service.ServiceMain;
import io.tfhyperstack.simulator.SimulatorCommand;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one entry point of the jar. The Go launcher execs the JVM with this class; the first argument
 * picks what the process is: the Terraform plugin (no argument, or {@code --debug}), the provider
 * service that serves many walks ({@code service-run ...}, started by the launcher), the HyperStack
 * API simulator ({@code simulator ...}), or a version print ({@code --version}).
 */
public final class Main {
    /**
     * Extra resource classes to serve, and where to load them from. Only the framework's end-to-end
     * tests use this, to run a test-only resource through real Terraform.
     */
    static final String EXTENSION_PATH = "tfhyperstack.extension.path";
    static final String EXTENSION_RESOURCES = "tfhyperstack.extension.resources";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String first = args.length > 0 ? args[0] : "";
        switch (first) {
            case "simulator" -> System.exit(SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length)));
            case "--version", "version" -> {
                System.out.println("terraform-provider-hyperstack " + Version.get());
                System.exit(0);
            }
            case ServiceMain.COMMAND -> System.exit(ServiceMain.run(Arrays.copyOfRange(args, 1, args.length),
                    environment -> List.of(providerService(environment))));
            default -> {
                PluginEnvironment environment = PluginEnvironment.ofProcess();
                System.exit(PluginMain.run(args, () -> List.of(providerService(environment.variables())),
                        environment));
            }
        }
    }

    /** The provider's gRPC service for one plugin life, configured from that walk's environment. */
    static BindableService providerService(Map<String, String> environment) {
        ProviderServer server = new ProviderServer(new HyperstackProvider(extensionResources(environment), environment));
        ProviderService service = new ProviderService(server);
        prepareSchemaAnswer(service);
        return new ProviderBinding(service, server);
    }

    /** The provider's gRPC service, which stops the provider's waits when its plugin life ends. */
    private record ProviderBinding(ProviderService service, ProviderServer server)
            implements BindableService, EndsWithPlugin {
        @Override
        public ServerServiceDefinition bindService() {
            return ServerInterceptors.intercept(service, new RpcLogging());
        }

        @Override
        public void pluginEnded() {
            server.close();
        }
    }

    /**
     * GetProviderSchema is the first call of every Terraform walk, and its first answer is expensive
     * (every schema, the cty type JSON through Jackson, the protobuf builders: well over 100 ms on a
     * fresh JVM). The services are built while the client's TLS handshake is still running on the
     * event loop, so a spare thread makes the answer then; ProviderService keeps it, and the real call
     * finds it ready. The answer is the same either way.
     */
    private static void prepareSchemaAnswer(ProviderService service) {
        Thread thread = new Thread(service::prepareSchemaAnswer, "schema-answer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Test-only resources named by system properties. One that takes the walk's environment gets it,
     * since in the provider service the process's own environment belongs to no walk.
     */
    private static List<Resource> extensionResources(Map<String, String> environment) {
        String path = System.getProperty(EXTENSION_PATH);
        String names = System.getProperty(EXTENSION_RESOURCES);
        if (path == null || names == null) {
            return List.of();
        }
        List<Resource> out = new ArrayList<>();
        try {
            URLClassLoader loader = new URLClassLoader(new URL[]{Path.of(path).toUri().toURL()},
                    Main.class.getClassLoader());
            for (String name : names.split(",")) {
                Class<?> type = loader.loadClass(name.trim());
                Object resource;
                try {
                    resource = type.getDeclaredConstructor(Map.class).newInstance(environment);
                } catch (NoSuchMethodException e) {
                    resource = type.getDeclaredConstructor().newInstance();
                }
                out.add((Resource) resource);
            }
        } catch (ReflectiveOperationException | java.net.MalformedURLException e) {
            throw new IllegalStateException("cannot load extension resources " + names + " from " + path, e);
        }
        return out;
    }
}
