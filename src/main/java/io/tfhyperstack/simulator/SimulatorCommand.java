package io.tfhyperstack.simulator;

import io.tfhyperstack.util.Signals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code terraform-provider-hyperstack simulator [flags]}: runs the simulator until SIGTERM or Ctrl-C.
 * The first line on stdout is the API base URL, so that a script can start it with {@code --port 0} and
 * read the port back; request logs go to stderr.
 */
public final class SimulatorCommand {
    static final int DEFAULT_PORT = 8080;

    private SimulatorCommand() {
    }

    static final String USAGE = String.join("\n",
            "Usage: terraform-provider-hyperstack simulator [flags]",
            "",
            "Serves an in-memory simulation of the HyperStack API (base path /v1) until SIGTERM or Ctrl-C.",
            "Prints the API base URL (e.g. http://127.0.0.1:8080/v1) as the first line on stdout.",
            "",
            "Flags:",
            "  --port N                    port to listen on; 0 picks a free one (default " + DEFAULT_PORT + ")",
            "  --host ADDR                 address to bind (default 127.0.0.1)",
            "  --api-key KEY               api_key header value to accept (default " + Simulator.DEFAULT_API_KEY + ")",
            "  --seed FILE                 starting state as JSON (default: the built-in demo fleet;",
            "                              format in simulator/README.md inside the jar)",
            "  --instances N               add N synthetic instances (synthetic-00001 ...) for benchmarks",
            "  --step-delay DURATION       time per step of a status change, e.g. 200ms, 1s (default "
                    + Durations.format(Simulator.DEFAULT_STEP_DELAY) + ")",
            "  --rate-limit N[/min]        answer 429 past N API requests a minute (default: no limit)",
            "  --error-rate F              answer 500 to this fraction (0.0-1.0) of API requests (default 0)",
            "  --random-seed N             seed of the error-rate randomness (default " + Simulator.DEFAULT_RANDOM_SEED + ")",
            "  --latency DURATION          add this delay before every API answer (default 0)",
            "  --retry-after DURATION      send Retry-After with each 429 (default: none, as the API documents);",
            "                              'window': the seconds until the rate limit's minute ends",
            "  --max-page-size N           serve at most N items a page, whatever pageSize asks (default "
                    + ApiRoutes.MAX_PAGE_SIZE + ")",
            "  --error-on-create-names RE  VMs whose name matches RE end in ERROR after create",
            "  --tls-cert FILE             serve HTTPS with this PEM certificate (chain), with --tls-key",
            "  --tls-key FILE              the certificate's PEM private key (PKCS#8, unencrypted)",
            "  --floating-ip-range CIDR    hand out floating IPs from this IPv4 range, e.g. 127.0.9.0/24 (loopback,",
            "                              so that a port can be opened on an instance's address; default",
            "                              198.18.0.0/15)",
            "  --quiet                     do not log requests to stderr",
            "  --help                      print this help",
            "",
            "Test controls (no api_key): GET /_simulator/stats, POST /_simulator/stats/reset,",
            "GET|POST /_simulator/faults, POST /_simulator/faults/reset, GET|POST /_simulator/step-delay,",
            "GET /_simulator/health.");

    /** Runs until SIGTERM or Ctrl-C; answers the process exit code (0 on a clean stop, 2 on bad flags). */
    public static int run(String[] args) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        if (!installSignalHandlers(stop)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.complete(null), "hyperstack-sim-shutdown"));
        }
        return run(args, System.out, System.err, stop);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The testable core: serves until {@code stop} completes. */
    static int run(String[] args, PrintStream out, PrintStream err, CompletableFuture<?> stop) {
        Simulator.Builder builder = Simulator.builder().port(DEFAULT_PORT).log(err);
        Path tlsCert = null;
        Path tlsKey = null;
        try {
            // the caller may pass the sub-command word along with the flags; it is not a flag
            int first = args.length > 0 && args[0].equals("simulator") ? 1 : 0;
            for (int i = first; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help":
                    case "-h":
                        out.println(USAGE);
                        out.flush();
                        return 0;
                    case "--quiet":
                        builder.log(null);
                        continue;
                    default:
                        break;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--port": builder.port(intFlag(arg, value)); break;
                    case "--host": builder.host(value); break;
                    case "--api-key": builder.apiKey(value); break;
                    case "--seed":
                        Path seed = Path.of(value);
                        if (!Files.isReadable(seed)) {
                            throw new IllegalArgumentException("--seed: cannot read " + value);
                        }
                        builder.seedFile(seed);
                        break;
                    case "--instances": builder.syntheticInstances(intFlag(arg, value)); break;
                    case "--step-delay": builder.stepDelay(Durations.parse(value)); break;
                    case "--rate-limit": builder.rateLimitPerMinute(rateFlag(value)); break;
                    case "--error-rate": builder.errorRate(doubleFlag(arg, value)); break;
                    case "--random-seed": builder.randomSeed(Long.parseLong(value)); break;
                    case "--latency": builder.latency(Durations.parse(value)); break;
                    case "--retry-after":
                        if (value.equals("window")) {
                            builder.retryAfterWindowEnd();
                        } else {
                            builder.retryAfter(Durations.parse(value));
                        }
                        break;
                    case "--max-page-size": builder.maxPageSize(intFlag(arg, value)); break;
                    case "--error-on-create-names": builder.errorOnCreateNames(value); break;
                    case "--tls-cert": tlsCert = Path.of(value); break;
                    case "--tls-key": tlsKey = Path.of(value); break;
                    case "--floating-ip-range": builder.floatingIpRange(value); break;
                    default: throw new IllegalArgumentException("unknown flag " + arg);
                }
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            if (tlsCert != null) {
                builder.tls(TlsIdentity.fromPem(tlsCert, tlsKey));
            }
        } catch (IllegalArgumentException e) {
            err.println("simulator: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        Simulator sim;
        try {
            sim = builder.build().start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("simulator: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("simulator: cannot listen: " + e.getMessage());
            return 1;
        }
        try (sim) {
            out.println(sim.baseUrl());
            out.flush();
            err.println("simulator: serving " + sim.baseUrl() + " (api_key: " + sim.apiKey() + ", step delay "
                    + Durations.format(sim.stepDelay()) + "); test controls at " + sim.adminUrl());
            err.flush();
            stop.get();
            err.println("simulator: stopping");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /**
     * Takes SIGTERM and SIGINT over from the JVM so that the server stops and {@link #run(String[])} returns
     * 0 (a shutdown hook alone would leave the exit code at 143); false where that cannot be done.
     */
    private static boolean installSignalHandlers(CompletableFuture<Void> stop) {
        return Signals.handle("TERM", () -> stop.complete(null)) && Signals.handle("INT", () -> stop.complete(null));
    }

    private static int intFlag(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs an integer, got " + value, e);
        }
    }

    private static double doubleFlag(String flag, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + value, e);
        }
    }

    /** {@code 500}, {@code 500/min} or {@code 500/m}. */
    private static int rateFlag(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int slash = v.indexOf('/');
        if (slash >= 0) {
            String unit = v.substring(slash + 1);
            if (!unit.equals("min") && !unit.equals("m") && !unit.equals("minute")) {
                throw new IllegalArgumentException("--rate-limit is per minute: N or N/min, got " + value);
            }
            v = v.substring(0, slash);
        }
        return intFlag("--rate-limit", v);
    }
}
