package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tfhyperstack.util.DaemonThreads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An in-memory, stateful stand-in for the HyperStack API, served over HTTP on the JDK's built-in server.
 * <pre>
 * try (Simulator sim = Simulator.builder().stepDelay(Duration.ofMillis(100)).build().start()) {
 *     String base = sim.baseUrl();   // http://127.0.0.1:PORT/v1, header api_key: simulator-key
 *     ...
 * }
 * </pre>
 * The API lives under {@code /v1}; test controls under {@code /_simulator} (see {@code simulator/README.md}).
 */
public final class Simulator implements AutoCloseable {
    /** The api_key the simulator accepts when none is configured. */
    public static final String DEFAULT_API_KEY = "simulator-key";
    /** How long each step of a status change takes when none is configured. */
    public static final Duration DEFAULT_STEP_DELAY = Duration.ofSeconds(1);
    /** The random seed behind the error rate when none is configured. */
    public static final long DEFAULT_RANDOM_SEED = 42L;

    static {
        // The JDK server sends the headers and the body in separate writes; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK, about 40 ms per request. The server reads
        // this property once, when its first instance is made, so it is set before any is.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String API_PREFIX = "/v1";
    private static final String ADMIN_PREFIX = "/_simulator";

    private final String host;
    private final int requestedPort;
    private final String apiKey;
    private final int threads;
    private final PrintStream log;
    private final SSLContext tls;
    private final Faults faults;
    private final RequestCounter counter = new RequestCounter();
    private final ScheduledExecutorService scheduler;
    private final Cloud cloud;
    private final ApiRoutes api;
    private final AdminRoutes admin;
    private HttpServer server;
    private ExecutorService httpThreads;

    private Simulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.apiKey = b.apiKey;
        this.threads = b.threads;
        this.log = b.log;
        this.tls = b.tls;
        this.faults = new Faults(b.randomSeed, b.rateLimitWindow);
        faults.rateLimit(b.rateLimitPerWindow, b.rateLimitWindow)
                .errorRate(b.errorRate)
                .latency(b.latency)
                .retryAfter(b.retryAfter)
                .errorOnCreateNames(b.errorOnCreateNames);
        if (b.retryAfterWindowEnd) {
            faults.retryAfterWindowEnd();
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hyperstack-sim-steps"));
        Seed seed = b.seedJson != null ? Seed.fromJson(b.seedJson)
                : b.seedFile != null ? Seed.fromFile(b.seedFile) : Seed.defaults();
        this.cloud = new Cloud(seed, scheduler, faults, b.stepDelay, b.floatingIpRange);
        cloud.addSynthetic(b.syntheticInstances);
        this.api = new ApiRoutes(cloud, b.maxPageSize);
        this.admin = new AdminRoutes(cloud, faults, counter);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts answering. */
    public synchronized Simulator start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("simulator already started");
        }
        InetSocketAddress address = new InetSocketAddress(host, requestedPort);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        httpThreads = Executors.newFixedThreadPool(threads, DaemonThreads.named("hyperstack-sim-http"));
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The API base, e.g. {@code http://127.0.0.1:8080/v1}. */
    public String baseUrl() {
        return rootUrl() + API_PREFIX;
    }

    /** The test controls' base, e.g. {@code http://127.0.0.1:8080/_simulator}. */
    public String adminUrl() {
        return rootUrl() + ADMIN_PREFIX;
    }

    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    public String apiKey() {
        return apiKey;
    }

    public SimulatorStats stats() {
        return counter.snapshot();
    }

    public void resetStats() {
        counter.reset();
    }

    /** The user data the instance's create request carried, or null for none (tests only: the API never says). */
    public String userData(long instanceId) {
        return cloud.userData(instanceId);
    }

    /** The live fault knobs. */
    public Faults faults() {
        return faults;
    }

    /** Changes how long each step of a status change takes, from the next action on. */
    public Simulator stepDelay(Duration delay) {
        cloud.stepDelay(delay);
        return this;
    }

    public Duration stepDelay() {
        return cloud.stepDelay();
    }

    /**
     * Holds every status change from now on until {@link #runHeldSteps()} or {@link #releaseSteps()}, so that
     * a test can look at an intermediate status (STOPPING, BUILD) for as long as it likes, however slow the
     * machine it runs on.
     */
    public Simulator holdSteps() {
        cloud.holdSteps();
        return this;
    }

    /**
     * Makes each held status change now, in order, and returns how many there were. The changes these
     * schedule (BUILD's move to ACTIVE, say) stay held for the next call.
     */
    public int runHeldSteps() {
        return cloud.runHeldSteps();
    }

    /** Stops holding: the held status changes, and every later one, happen after the step delay again. */
    public Simulator releaseSteps() {
        cloud.releaseSteps();
        return this;
    }

    /** Stops answering at once and drops pending status changes. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            httpThreads.shutdownNow();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String rootUrl() {
        requireStarted();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (tls != null ? "https://" : "http://") + h + ":" + server.getAddress().getPort();
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("simulator not started; call start()");
        }
    }

    // ---------------------------------------------------------------- the HTTP edge

    private void handle(HttpExchange ex) {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        // routes and handlers see the decoded path, so that name-availability/my%20vm asks about "my vm"
        String path = ex.getRequestURI().getPath();
        Call.Answer answer;
        try {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals(ADMIN_PREFIX) || path.startsWith(ADMIN_PREFIX + "/")) {
                answer = route(admin.router(), method, path.substring(ADMIN_PREFIX.length()), ex, body);
            } else if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
                answer = api(ex, method, path.substring(API_PREFIX.length()), body);
            } else {
                answer = error(ApiError.notFound("No route for " + rawPath));
            }
        } catch (RuntimeException | IOException e) {
            // a bug in the simulator must still answer, and answer like the real API's 500
            answer = new Call.Answer(500, Json.MAPPER.createObjectNode().put("message", "Internal Server Error"));
            if (log != null) {
                log.println("simulator: internal error on " + method + " " + rawPath + ": " + e);
            }
        }
        send(ex, answer);
        if (log != null) {
            String query = ex.getRequestURI().getRawQuery();
            log.printf("simulator: %s %s%s -> %d (%d ms)%n", method, rawPath, query == null ? "" : "?" + query,
                    answer.status(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The API pipeline: count, add latency, faults, authenticate, route. */
    private Call.Answer api(HttpExchange ex, String method, String path, byte[] body) {
        Router.Match<Call.Handler> match = api.router().match(method, path);
        String template = match == null ? null : match.template();
        Call.Answer answer = apiAnswer(ex, method, path, template, match, body);
        counter.record(method, template, answer.status());
        return answer;
    }

    private Call.Answer apiAnswer(HttpExchange ex, String method, String path, String template,
                                  Router.Match<Call.Handler> match, byte[] body) {
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Faults.Injected fault = faults.decide(method, path, template);
        if (fault != null) {
            if (fault.status() >= 500) {
                // the real API's 5xx answers carry only a message, not the envelope
                return new Call.Answer(fault.status(), Json.MAPPER.createObjectNode().put("message", fault.message()),
                        fault.retryAfterSeconds());
            }
            return new Call.Answer(fault.status(), Json.error(fault.message(), fault.reason()), fault.retryAfterSeconds());
        }
        String key = ex.getRequestHeaders().getFirst("api_key");
        if (key == null || !key.equals(apiKey)) {
            return error(ApiError.unauthorized("Invalid or missing api_key"));
        }
        return dispatch(match, method, path, ex, body);
    }

    private Call.Answer route(Router<Call.Handler> router, String method, String path, HttpExchange ex, byte[] body) {
        return dispatch(router.match(method, path), method, path, ex, body);
    }

    private static Call.Answer dispatch(Router.Match<Call.Handler> match, String method, String path,
                                        HttpExchange ex, byte[] body) {
        try {
            if (match == null) {
                throw ApiError.notFound("No route for " + path);
            }
            if (!match.methodAllowed()) {
                throw ApiError.notAllowed("Method " + method + " is not allowed on " + path);
            }
            Call call = new Call(method, path, ex.getRequestURI().getRawQuery(), match.params(), body);
            return match.handler().handle(call);
        } catch (ApiError e) {
            return error(e);
        }
    }

    private static Call.Answer error(ApiError e) {
        return new Call.Answer(e.status(), Json.error(e.getMessage(), e.reason()));
    }

    private static void send(HttpExchange ex, Call.Answer answer) {
        try {
            JsonNode body = answer.body();
            byte[] bytes = body == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.retryAfterSeconds() != null) {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfterSeconds()));
            }
            ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
        } finally {
            ex.close();
        }
    }

    /**
     * Configuration, one setter per command-line flag. Fails fast on a bad value, naming it.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String apiKey = DEFAULT_API_KEY;
        private Path seedFile;
        private String seedJson;
        private Duration stepDelay = DEFAULT_STEP_DELAY;
        private int syntheticInstances;
        private int rateLimitPerWindow;
        private Duration rateLimitWindow = Duration.ofMinutes(1);
        private double errorRate;
        private Duration latency = Duration.ZERO;
        private Duration retryAfter;
        private boolean retryAfterWindowEnd;
        private int maxPageSize = ApiRoutes.MAX_PAGE_SIZE;
        private String errorOnCreateNames;
        private long randomSeed = DEFAULT_RANDOM_SEED;
        private String floatingIpRange;
        private int threads = 16;
        private PrintStream log;
        private SSLContext tls;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 (the default) picks a free port; read it back with {@link #port()} or {@link #baseUrl()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isEmpty()) {
                throw new IllegalArgumentException("api key must not be empty");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** Start from this seed file instead of the built-in one (format: see {@code simulator/README.md}). */
        public Builder seedFile(Path file) {
            this.seedFile = file;
            return this;
        }

        /** Start from this seed, given as JSON text. */
        public Builder seedJson(String json) {
            this.seedJson = json;
            return this;
        }

        public Builder stepDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("step delay must be >= 0");
            }
            this.stepDelay = delay;
            return this;
        }

        /** Adds {@code n} generated VMs ({@code synthetic-00001} ...) to the seed, for load tests. */
        public Builder syntheticInstances(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("instances must be >= 0");
            }
            this.syntheticInstances = n;
            return this;
        }

        /** 429 past {@code perMinute} API requests a minute; 0 (the default) is no limit. */
        public Builder rateLimitPerMinute(int perMinute) {
            return rateLimit(perMinute, Duration.ofMinutes(1));
        }

        public Builder rateLimit(int perWindow, Duration window) {
            if (perWindow < 0 || window == null || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("rate limit must be >= 0 per a positive window");
            }
            this.rateLimitPerWindow = perWindow;
            this.rateLimitWindow = window;
            return this;
        }

        public Builder errorRate(double fraction) {
            if (!(fraction >= 0.0 && fraction <= 1.0)) {
                throw new IllegalArgumentException("error rate must be between 0.0 and 1.0, got " + fraction);
            }
            this.errorRate = fraction;
            return this;
        }

        public Builder latency(Duration added) {
            if (added == null || added.isNegative()) {
                throw new IllegalArgumentException("latency must be >= 0");
            }
            this.latency = added;
            return this;
        }

        /** Send Retry-After with every 429 (none by default, as the API documents none). */
        public Builder retryAfter(Duration wait) {
            if (wait != null && wait.isNegative()) {
                throw new IllegalArgumentException("retry-after must be >= 0");
            }
            this.retryAfter = wait;
            this.retryAfterWindowEnd = false;
            return this;
        }

        /** Send Retry-After with the rate limit's 429s: the seconds until its window ends. */
        public Builder retryAfterWindowEnd() {
            this.retryAfter = null;
            this.retryAfterWindowEnd = true;
            return this;
        }

        /** Serve at most {@code size} items a page, whatever {@code pageSize} asks (default 100). */
        public Builder maxPageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("max page size must be >= 1");
            }
            this.maxPageSize = size;
            return this;
        }

        public Builder errorOnCreateNames(String regex) {
            this.errorOnCreateNames = regex;
            return this;
        }

        /**
         * Hands out floating IPs from this IPv4 range, e.g. {@code 127.0.9.0/24}, instead of 198.18.0.0/15:
         * on loopback, a test can listen on an instance's public address.
         */
        public Builder floatingIpRange(String cidr) {
            IpPool.floating(cidr);
            this.floatingIpRange = cidr;
            return this;
        }

        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        /** Log one line per request to this stream (the command logs to stderr); null (the default) is silent. */
        public Builder log(PrintStream log) {
            this.log = log;
            return this;
        }

        /** Serve HTTPS with this context's certificate (see {@link TlsIdentity}); null (the default) is HTTP. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /** Loads the seed and checks it; {@link Simulator#start()} binds the port. */
        public Simulator build() {
            if (seedFile != null && seedJson != null) {
                throw new IllegalArgumentException("give a seed file or seed JSON, not both");
            }
            return new Simulator(this);
        }
    }
}
