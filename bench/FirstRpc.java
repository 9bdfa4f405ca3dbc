import io.tfhyperstack.plugin.LocalPluginClient;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetProviderSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The part of a provider start that bench/startup.sh does not see: from the handshake line to the first
 * answer (GetProviderSchema, what every Terraform walk asks first), and from Shutdown to the process's
 * exit (Terraform waits for it). One client JVM times many plugin processes, so the client's own
 * warm-up is paid once, in a run that is not counted.
 *
 * <p>usage: java -cp target/provider/terraform-provider-hyperstack.jar bench/FirstRpc.java [runs] [launcher]
 * [jvm options | jvm options ...]: with option sets, the runs take turns between them (added through
 * TF_HYPERSTACK_JAVA_OPTS), so that a noisy machine affects each set alike; "-" stands for none. A set
 * that starts with "@path" runs the launcher at that path instead, to compare two builds in turns.
 */
public final class FirstRpc {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String launcher = args.length > 1 ? args[1] : "target/provider/terraform-provider-hyperstack";
        List<String> variants = new ArrayList<>();
        for (String variant : String.join(" ", java.util.Arrays.copyOfRange(args, Math.min(2, args.length),
                args.length)).split("\\|")) {
            variants.add(variant.trim().equals("-") ? "" : variant.trim());
        }
        SelfSignedCertificate client = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        List<List<long[]>> all = new ArrayList<>();
        for (String ignored : variants) {
            all.add(new ArrayList<>());
        }
        for (int i = 0; i <= runs; i++) {
            for (int v = 0; v < variants.size(); v++) {
                String variant = variants.get(v);
                String which = launcher;
                if (variant.startsWith("@")) {
                    String[] parts = variant.split("\\s+", 2);
                    which = parts[0].substring(1);
                    variant = parts.length > 1 && !parts[1].equals("-") ? parts[1] : "";
                }
                long[] one = once(which, client, variant);
                if (i > 0) {
                    all.get(v).add(one);
                }
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            if (variants.size() > 1 || !variants.get(v).isEmpty()) {
                System.out.println("variant: " + (variants.get(v).isEmpty() ? "(none)" : variants.get(v)));
            }
            report(all.get(v), runs);
        }
    }

    private static void report(List<long[]> results, int runs) {
        String[] names = {"exec -> handshake", "handshake -> schema answer", "Shutdown -> exit", "exec -> exit"};
        for (int k = 0; k < names.length; k++) {
            List<Long> column = new ArrayList<>();
            for (long[] r : results) {
                column.add(r[k]);
            }
            Collections.sort(column);
            System.out.printf("%-28s median %5d ms  min %5d  max %5d  (%d runs)%n", names[k],
                    column.get(column.size() / 2), column.get(0), column.get(column.size() - 1), runs);
        }
    }

    private static long[] once(String launcher, SelfSignedCertificate client, String options) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher);
        Map<String, String> env = builder.environment();
        if (!options.isEmpty()) {
            env.put("TF_HYPERSTACK_JAVA_OPTS", options);
        }
        env.put("TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2");
        env.put("PLUGIN_PROTOCOL_VERSIONS", "6");
        env.put("PLUGIN_CLIENT_CERT", client.pem());
        // A JVM's start is what this times, not a walk through the provider service.
        env.put("TF_HYPERSTACK_SERVICE", "off");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process plugin = builder.start();
        String line = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8)).readLine();
        long handshake = System.nanoTime();
        Thread drain = new Thread(() -> {
            try {
                plugin.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (Exception ignored) {
                // gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        long schema;
        long shutdown;
        try (LocalPluginClient connection = LocalPluginClient.connect(line, client)) {
            ProviderGrpc.newBlockingStub(connection.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
            schema = System.nanoTime();
            shutdown = System.nanoTime();
            connection.shutdownPlugin();
        }
        plugin.waitFor(30, TimeUnit.SECONDS);
        long exit = System.nanoTime();
        return new long[] {ms(handshake - start), ms(schema - handshake), ms(exit - shutdown), ms(exit - start)};
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
