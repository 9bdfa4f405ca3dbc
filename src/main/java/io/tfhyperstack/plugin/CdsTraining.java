package io.tfhyperstack.plugin;

import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A short, complete plugin life for the build to record which classes a start-up loads (JDK 17's
 * -XX:ArchiveClassesAtExit). It runs what Terraform causes: handshake with AutoMTLS against a P-521
 * client certificate, a health check, Shutdown. The resulting archive lets later starts map those
 * classes instead of loading and verifying them one by one.
 *
 * <p>Run as {@code java -XX:ArchiveClassesAtExit=...jsa -cp <jar> io.tfhyperstack.plugin.CdsTraining};
 * the class path must be exactly the one the launcher uses, or the JVM ignores the archive.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        SelfSignedCertificate client = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        FirstLineCapture stdout = new FirstLineCapture();
        Map<String, String> variables = new HashMap<>();
        variables.put(MagicCookie.NAME, MagicCookie.VALUE);
        variables.put(ProtocolVersions.VARIABLE, "5,6");
        variables.put(PluginMain.CLIENT_CERT_VARIABLE, client.pem());
        // Lets whoever runs the build see the plugin's logs when the training run fails.
        variables.put("TF_LOG", System.getenv().getOrDefault("TF_LOG", ""));
        PluginEnvironment environment = PluginEnvironment.of(
                variables, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        int[] exitCode = {-1};
        Thread plugin = new Thread(() -> exitCode[0] = PluginMain.run(new String[0], List::of, environment),
                "training-plugin");
        plugin.start();
        String handshake = stdout.awaitFirstLine(60, TimeUnit.SECONDS);
        if (handshake == null) {
            System.err.println("cds training: no handshake line");
            System.exit(2);
        }
        try (LocalPluginClient connection = LocalPluginClient.connect(handshake, client)) {
            connection.health(HealthService.PLUGIN);
            connection.shutdownPlugin();
        }
        plugin.join(TimeUnit.SECONDS.toMillis(30));
        System.exit(exitCode[0] == 0 ? 0 : 3);
    }
}
