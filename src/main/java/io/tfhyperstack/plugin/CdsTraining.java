package io.tfhyperstack.plugin;

import io.grpc.Channel;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives one short plugin life, as Terraform would, so that the plugin process can record the classes
 * a start-up and the first RPCs load (JDK 17's -XX:DumpLoadedClassList); the launcher then has the JVM
 * dump a class-data sharing archive of them. Later starts map those classes from the archive instead of
 * loading and verifying them one by one.
 *
 * <p>The plugin runs as a child process with exactly the command line the launcher uses (the class
 * path must match, or the JVM ignores the archive), so the archive holds what a real plugin loads:
 * {@code Main}, the real provider service, stdout guarding, signals. This process is only the client;
 * its own classes (the gRPC client, the client side of TLS) stay out of the archive, which keeps it
 * smaller and so cheaper to map.
 *
 * <p>The client does what Terraform does around a walk: handshake with AutoMTLS against a P-521 client
 * certificate, health, then the caller's provider calls, then Shutdown.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * @param args the plugin's command line, including {@code -XX:DumpLoadedClassList=<file>}; the
     *     launcher builds it ({@code terraform-provider-hyperstack --make-cds-archive})
     * @param providerCalls what to ask the provider's own services, on the connected channel
     * @return 0 when the plugin exited normally after Shutdown, so that its class list is complete
     */
    public static int run(String[] args, Consumer<Channel> providerCalls) throws IOException, InterruptedException,
            java.security.GeneralSecurityException {
        if (args.length == 0) {
            System.err.println("cds training: no plugin command line");
            return 2;
        }
        SelfSignedCertificate client = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        ProcessBuilder builder = new ProcessBuilder(Arrays.asList(args));
        Map<String, String> environment = builder.environment();
        environment.put(MagicCookie.NAME, MagicCookie.VALUE);
        environment.put(ProtocolVersions.VARIABLE, "6");
        environment.put(PluginMain.CLIENT_CERT_VARIABLE, client.pem());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process plugin = builder.start();
        try {
            String handshake = new BufferedReader(
                    new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (handshake == null) {
                System.err.println("cds training: the plugin printed no handshake line");
                return plugin.waitFor() == 0 ? 2 : plugin.exitValue();
            }
            drainInBackground(plugin);
            try (LocalPluginClient connection = LocalPluginClient.connect(handshake, client)) {
                connection.health(HealthService.PLUGIN);
                providerCalls.accept(connection.channel());
                connection.shutdownPlugin();
            }
            // The class list is complete once the plugin has exited.
            if (!plugin.waitFor(120, TimeUnit.SECONDS)) {
                System.err.println("cds training: the plugin did not exit after Shutdown");
                return 3;
            }
            return plugin.exitValue() == 0 ? 0 : 3;
        } finally {
            plugin.destroy();
        }
    }

    /** Keeps the plugin from blocking on a full stdout pipe; nothing after the handshake matters here. */
    private static void drainInBackground(Process plugin) {
        Thread drain = new Thread(() -> {
            try {
                plugin.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the plugin has gone
            }
        }, "plugin-stdout");
        drain.setDaemon(true);
        drain.start();
    }
}
