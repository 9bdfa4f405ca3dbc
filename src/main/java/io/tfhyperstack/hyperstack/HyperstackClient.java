package io.tfhyperstack.hyperstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Environment;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.net.ApiConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HyperStack (Infrahub) API, as far as virtual machines go. Immutable and thread-safe; build one
 * per process with {@link #builder()} and share it.
 *
 * <p>This class is the endpoints; the rules live beside it, each in one place: {@link RetryPolicy}
 * (whether and when to send again), {@link Pager} (when a listing is complete), {@link ErrorTranslator}
 * (what a failure tells the user), {@link RateLimiter} (the pace).
 *
 * <p>Every call goes through the same steps: wait for the {@link RateLimiter} shared by every client of
 * the process with the same API address and key, send with
 * the {@code api_key} and User-Agent headers, and on 429, 5xx or a failed connection wait (Retry-After
 * when the API sends one, else exponential backoff with jitter from one second) and try again: after a
 * 429 for as long as the operation allows ({@code rateLimitWait}, or the create's time limit), with every
 * other request of the budget waiting too and the budget lowered; otherwise at most {@code maxRetries}
 * times. And only when repeating the request cannot do harm:
 * <ul>
 * <li>GET (which includes the start/stop/... actions) and PUT of labels are repeated as they are. An
 * action repeated after an answer that got lost may be refused with 400 because the first one took
 * effect; callers check the machine's status rather than trusting that refusal.</li>
 * <li>DELETE is repeated too, and a 404 on a repeated DELETE counts as success: the first attempt
 * deleted the machine and its answer got lost.</li>
 * <li>POST (create) is never blindly repeated: after an answer that leaves it unknown whether the
 * machine was created (timeout, reset, 5xx) the client looks the name up first and returns the
 * machine it finds instead of creating a second one. A 429 is repeated, since the API did not act.</li>
 * </ul>
 * A clear refusal (400, 401, 403, 404, 409) is never repeated, nor a failed connection that the
 * {@link ApiConnection} explains as permanent (an untrusted certificate, a proxy refusing, a name that
 * does not resolve): the request never reached the API. Every wait and every call stops within
 * a fraction of a second when the {@link Cancellation} fires.
 */
public final class HyperstackClient {
    /** The public API. */
    public static final String DEFAULT_BASE_URL = "https://infrahub-api.nexgencloud.com/v1";
    /**
     * Page size for listings. The API's maximum is not documented (the spec types {@code pageSize} as
     * an unbounded string; the default is 10), so this stays at 100, a cap that paginated APIs of this
     * family commonly accept. Should the API cap it lower, the listing still completes: it follows the
     * {@code count} the API reports, and otherwise the {@code page_size} it answers with.
     */
    public static final int PAGE_SIZE = 100;
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 500;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** The provider block's default too (request_timeout): one figure for one setting. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long a request without a time limit of its own keeps waiting out 429s (the provider block's
     * rate_limit_wait): two of the API's one-minute windows, so that a window used up by others ends
     * within it.
     */
    public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(2);
    /** The shortest an attempt may last when a time limit is nearly spent: long enough to be answered. */
    static final Duration MIN_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(HyperstackClient.class.getName());
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    /** One connection pool and dispatcher for the process; each client derives its own settings from it. */
    private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
            // Retrying is ours alone: OkHttp's silent retry would repeat a POST that may have been received.
            .retryOnConnectionFailure(false)
            .build();

    private final HttpUrl baseUrl;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Cancellation cancellation;
    private final Sleeper sleeper;
    private final RateLimiter rateLimiter;
    private final ApiConnection connection;
    private final RetryPolicy retryPolicy;
    private final Pager pager = new Pager(PAGE_SIZE);
    private final ErrorTranslator errors;
    private final OkHttpClient http;
    private final InstanceDirectory directory;
    private final StatusWaiter statusWaiter;

    private HyperstackClient(Builder b) {
        this.baseUrl = b.parsedBaseUrl;
        this.requestTimeout = b.requestTimeout;
        this.userAgent = "terraform-provider-hyperstack/" + b.providerVersion
                + (b.terraformVersion == null ? "" : " terraform/" + b.terraformVersion);
        this.cancellation = b.cancellation;
        this.sleeper = b.sleeper;
        this.rateLimiter = RateLimiter.shared(baseUrl.toString(), b.apiKey, b.requestsPerMinute);
        this.retryPolicy = new RetryPolicy(b.maxRetries, b.rateLimitWait, b.clock);
        this.errors = new ErrorTranslator(b.apiKey, baseUrl.host(), b.connectTimeout, b.readTimeout, b.requestTimeout);
        this.connection = b.connection;
        LOG.log(System.Logger.Level.DEBUG, () -> connection.describe(baseUrl));
        this.http = connection.applyTo(SHARED_HTTP.newBuilder())
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.requestTimeout)
                .addInterceptor(new HeaderInterceptor(b.apiKey, userAgent))
                .addInterceptor(new LoggingInterceptor(LOG))
                .build();
        this.directory = new InstanceDirectory(this, b.directoryTtl, b.clock);
        this.statusWaiter = new StatusWaiter(this, b.pollInitialInterval, b.pollMaxInterval);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shared by-name/by-IP view of the instance list bound to this client. */
    public InstanceDirectory directory() {
        return directory;
    }

    /** The shared poll loop that waits for status changes, bound to this client. */
    public StatusWaiter statusWaiter() {
        return statusWaiter;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The API root this client talks to (no credentials in it). */
    public String baseUrl() {
        return baseUrl.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Endpoints

    /** Every virtual machine the key can see, over all pages. */
    public List<Instance> listInstances() {
        return listInstances(InstanceQuery.all());
    }

    /**
     * Virtual machines matching {@code query}, over all pages. The listing is of live data, so a
     * machine may show up twice when others are created meanwhile; duplicates (same id) are dropped.
     */
    public List<Instance> listInstances(InstanceQuery query) {
        Objects.requireNonNull(query, "query");
        return pager.all((page, size) -> {
            HttpUrl.Builder url = pageUrl("core/virtual-machines", page, size);
            if (query.search() != null) {
                url.addQueryParameter("search", query.search());
            }
            if (query.environment() != null) {
                url.addQueryParameter("environment", query.environment());
                url.addQueryParameter("exact_environment_match", Boolean.toString(query.exactEnvironmentMatch()));
            }
            ApiRequest req = read("/core/virtual-machines", url.build());
            Wire.InstancesPage answer = parse(req, execute(req), Wire.InstancesPage.class);
            return answer == null ? Pager.Page.empty()
                    : new Pager.Page<>(answer.instances(), answer.count(), answer.pageSize());
        }, i -> i.id() == 0 ? null : i.id());
    }

    /** One virtual machine; {@link NotFoundException} if it does not exist (in this region). */
    public Instance getInstance(long id) {
        ApiRequest req = read("/core/virtual-machines/" + id, machineUrl(id).build());
        Wire.InstanceAnswer answer = parse(req, execute(req), Wire.InstanceAnswer.class);
        if (answer == null || answer.instance() == null) {
            throw errors.malformed(req, "the answer has no \"instance\" object", null);
        }
        return answer.instance();
    }

    /** As {@link #createInstance(CreateInstanceRequest, Duration)} with no time limit but the retry count. */
    public Instance createInstance(CreateInstanceRequest request) {
        return createInstance(request, null);
    }

    /**
     * Creates one virtual machine and returns it as the API first describes it (usually CREATING).
     * Never creates two: see the class comment. When a look-up after an ambiguous failure finds the
     * machine, that machine is returned as if the create had answered.
     *
     * @param timeLimit what is left of the operation's time (Terraform's {@code timeouts.create}): no
     *     retry waits past it, and no attempt outlasts it by more than {@link #MIN_ATTEMPT_TIMEOUT}; the
     *     look-up that keeps a created machine from being lost still runs when it is spent. Null: no
     *     limit but {@code maxRetries}.
     */
    public Instance createInstance(CreateInstanceRequest request, Duration timeLimit) {
        Objects.requireNonNull(request, "request");
        ApiRequest req = new ApiRequest("POST", "/core/virtual-machines", url("core/virtual-machines").build(),
                toJson(request), RequestKind.CREATE);
        try {
            return exchange(req, timeLimit, body -> created(request, req, body),
                    cause -> lookUpCreated(request, req, cause));
        } finally {
            mutated();
        }
    }

    /** The machine a successful create answered with; looked up when the answer does not say. */
    private Instance created(CreateInstanceRequest request, ApiRequest req, String body) {
        Wire.CreateAnswer answer;
        try {
            answer = parse(req, body, Wire.CreateAnswer.class);
        } catch (TransportException unreadable) {
            // Created, but the answer is garbled: find the machine rather than orphan it.
            Instance found = lookUpCreated(request, req, null);
            if (found != null) {
                return found;
            }
            throw unreadable;
        }
        if (answer != null && answer.instances() != null && !answer.instances().isEmpty()
                && answer.instances().get(0) != null) {
            return answer.instances().get(0);
        }
        // Created, but the answer does not say what: find it rather than fail a created machine.
        Instance found = lookUpCreated(request, req, null);
        if (found != null) {
            return found;
        }
        throw errors.malformed(req, "the answer lists no created virtual machine", null);
    }

    /**
     * After a create whose outcome is unknown: the newest machine with exactly this name in this
     * environment, or null. A failing look-up is reported as such, since the caller then cannot know
     * whether a machine was made. {@code cause} is the ambiguous answer that led here, when there is one.
     */
    private Instance lookUpCreated(CreateInstanceRequest request, ApiRequest createReq, Outcome cause) {
        Instance found;
        try {
            found = newestNamed(listInstances(InstanceQuery.search(request.name())), request);
            if (found == null) {
                // What the API's search matches is undocumented; before concluding "not created", read
                // the whole list once. Costs a few requests, and only on this rare path.
                found = newestNamed(listInstances(), request);
            }
        } catch (CancelledException e) {
            throw e;
        } catch (HyperstackException e) {
            throw new TransportException("Creating virtual machine " + request.name() + " (" + createReq.describe()
                    + ") got no clear answer" + (cause == null ? "" : " (" + cause.summary() + ")")
                    + ", and looking the name up to see whether it was created failed too: " + e.getMessage()
                    + " A machine named " + request.name() + " may exist: check the HyperStack console and import"
                    + " it (terraform import) or delete it before applying again.", false, e);
        }
        if (found != null && cause != null) {
            long id = found.id();
            LOG.log(System.Logger.Level.INFO, () -> "create of " + request.name() + " answered ambiguously but the"
                    + " machine exists (id " + id + "); not creating it again");
        }
        return found;
    }

    private static Instance newestNamed(List<Instance> candidates, CreateInstanceRequest request) {
        return candidates.stream()
                .filter(i -> request.name().equals(i.name()))
                .filter(i -> i.environmentName() == null || request.environmentName().equals(i.environmentName()))
                .max(Comparator.comparingLong(Instance::id))
                .orElse(null);
    }

    /** Starts deleting; the machine goes DELETING and then GET answers 404. */
    public void deleteInstance(long id) {
        try {
            execute(new ApiRequest("DELETE", "/core/virtual-machines/" + id, machineUrl(id).build(), null,
                    RequestKind.DELETE));
        } finally {
            mutated();
        }
    }

    /** Powers on a SHUTOFF machine (400 from any other status). */
    public void startInstance(long id) {
        action(id, "start", null);
    }

    /** Powers off an ACTIVE or ERROR machine. */
    public void stopInstance(long id) {
        action(id, "stop", null);
    }

    /** Power-cycles an ACTIVE or ERROR machine. */
    public void hardRebootInstance(long id) {
        action(id, "hard-reboot", null);
    }

    /**
     * Hibernates an ACTIVE machine. Unless {@code retainIp}, the public IP is released (and will
     * differ after restore). Some flavors cannot hibernate (400).
     */
    public void hibernateInstance(long id, boolean retainIp) {
        action(id, "hibernate", Boolean.toString(retainIp));
    }

    /** Restores a HIBERNATED machine (not one still HIBERNATING). */
    public void restoreInstance(long id) {
        action(id, "hibernate-restore", null);
    }

    private void action(long id, String name, String retainIp) {
        try {
            HttpUrl.Builder url = machineUrl(id).addPathSegment(name);
            if (retainIp != null) {
                url.addQueryParameter("retain_ip", retainIp);
            }
            // The API made these GETs; they are safe to send again (the class comment says what a
            // refusal of the repeat means).
            execute(new ApiRequest("GET", "/core/virtual-machines/" + id + "/" + name, url.build(), null,
                    RequestKind.REPEATABLE));
        } finally {
            mutated();
        }
    }

    /** Replaces the machine's labels with {@code labels} (the API's PUT; an empty list clears them). */
    public void setLabels(long id, List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        try {
            String body = toJson(new Wire.LabelsBody(List.copyOf(labels)));
            execute(new ApiRequest("PUT", "/core/virtual-machines/" + id + "/label",
                    machineUrl(id).addPathSegment("label").build(), body, RequestKind.REPEATABLE));
        } finally {
            mutated();
        }
    }

    /** True if no virtual machine has this name yet. */
    public boolean isNameAvailable(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        ApiRequest req = read("/core/virtual-machines/name-availability/" + name,
                url("core/virtual-machines").addPathSegment("name-availability").addPathSegment(name).build());
        Wire.NameAnswer answer = parse(req, execute(req), Wire.NameAnswer.class);
        if (answer == null || answer.available() == null) {
            throw errors.malformed(req, "the answer has no \"available\" field", null);
        }
        return answer.available();
    }

    /** Every environment, over all pages. */
    public List<Environment> listEnvironments() {
        return pager.all((page, size) -> {
            ApiRequest req = read("/core/environments", pageUrl("core/environments", page, size).build());
            Wire.EnvironmentsPage answer = parse(req, execute(req), Wire.EnvironmentsPage.class);
            return answer == null ? Pager.Page.empty()
                    : new Pager.Page<>(answer.environments(), answer.count(), answer.pageSize());
        }, e -> e.id() != null ? e.id() : "name:" + e.name());
    }

    // ---------------------------------------------------------------------------------------------
    // Sending

    private static ApiRequest read(String path, HttpUrl url) {
        return new ApiRequest("GET", path, url, null, RequestKind.REPEATABLE);
    }

    /** Sends with the retries {@link RetryPolicy} allows; returns the body of a 2xx answer. */
    private String execute(ApiRequest req) {
        return exchange(req, null, body -> body, null);
    }

    /**
     * Sends {@code req} until it succeeds, is done or {@link RetryPolicy} gives up, and makes the answer
     * with {@code onSuccess}. When the policy says an earlier attempt may have acted (only for requests
     * that must not be repeated blindly), {@code earlierAttempt} answers what that attempt made, or null
     * for nothing; it gets the outcome that raised the doubt, or null when the request is giving up.
     */
    private <T> T exchange(ApiRequest req, Duration timeLimit, Function<String, T> onSuccess,
            Function<Outcome, T> earlierAttempt) {
        RetryPolicy.Attempts attempts = retryPolicy.begin(req.kind(), timeLimit);
        boolean holdsTurn = false;
        while (true) {
            Outcome outcome = send(req, attempts.remaining(), holdsTurn);
            holdsTurn = false;
            if (outcome.isSuccess()) {
                return onSuccess.apply(outcome.body());
            }
            RetryPolicy.Decision decision = attempts.after(outcome);
            boolean check = decision.checkEarlierAttempt() && earlierAttempt != null;
            switch (decision.verdict()) {
                case DONE -> {
                    LOG.log(System.Logger.Level.DEBUG, () -> req.describe() + ": " + outcome.summary()
                            + " on a repeat; the first attempt did it");
                    return onSuccess.apply("");
                }
                case GIVE_UP -> {
                    T found = check ? earlierAttempt.apply(null) : null;
                    if (found != null) {
                        return found;
                    }
                    throw errors.translate(req, outcome, attempts.retries());
                }
                case RETRY -> {
                    if (outcome.isRateLimited()) {
                        // Every request to this API waits with this one, which then goes first.
                        rateLimiter.holdFor(decision.delay());
                        holdsTurn = true;
                        LOG.log(System.Logger.Level.DEBUG, () -> req.describe() + ": HTTP 429 (rate limited"
                                + (outcome.retryAfter() == null ? "" : ", Retry-After " + outcome.retryAfter())
                                + "); every request waits " + decision.delay().toMillis() + " ms, then this one is"
                                + " sent again (attempt " + (attempts.retries() + 1) + ")");
                    } else {
                        LOG.log(System.Logger.Level.DEBUG, () -> req.describe() + ": " + outcome.summary() + "; retry "
                                + attempts.retries() + " in " + decision.delay().toMillis() + " ms");
                    }
                    sleeper.sleep(decision.delay(), cancellation);
                    T found = check ? earlierAttempt.apply(outcome) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
    }

    /**
     * One attempt: rate limit, send, read the whole body. Cancellation aborts the call in flight. An
     * attempt lasts at most the request timeout, and within a time limit at most what is left of it
     * (but never less than {@link #MIN_ATTEMPT_TIMEOUT}, so that a last attempt can still be answered).
     */
    @SuppressWarnings("try") // the registration is only held for its close()
    private Outcome send(ApiRequest req, Optional<Duration> timeLeft, boolean holdsTurn) {
        cancellation.throwIfCancelled(req.describe());
        if (!holdsTurn) {
            rateLimiter.acquire(sleeper, cancellation);
        }
        Request.Builder rb = new Request.Builder().url(req.url());
        if (req.body() != null) {
            rb.method(req.method(), RequestBody.create(req.body(), JSON_TYPE));
        } else if (req.method().equals("GET")) {
            rb.get();
        } else {
            rb.method(req.method(), null);
        }
        Call call = http.newCall(rb.build());
        timeLeft.ifPresent(left -> call.timeout().timeout(attemptTimeout(left).toMillis(), TimeUnit.MILLISECONDS));
        try (Cancellation.Registration r = cancellation.onCancel(call::cancel);
                Response response = call.execute()) {
            String body = response.body().string();
            if (response.code() == 429) {
                rateLimiter.throttled(req.describe());
            } else {
                rateLimiter.granted();
            }
            return Outcome.answered(response.code(), body, response.header("Retry-After"));
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw new CancelledException(req.describe());
            }
            // a proxy, trust or name failure is told apart here, where the connection's settings are known
            return Outcome.failed(e, connection.explain(e, baseUrl));
        }
    }

    private Duration attemptTimeout(Duration timeLeft) {
        Duration floored = timeLeft.compareTo(MIN_ATTEMPT_TIMEOUT) < 0 ? MIN_ATTEMPT_TIMEOUT : timeLeft;
        return floored.compareTo(requestTimeout) > 0 ? requestTimeout : floored;
    }

    private <T> T parse(ApiRequest req, String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Wire.JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw errors.malformed(req, "its body is not the JSON the API documents (" + e.getOriginalMessage() + ")",
                    e);
        }
    }

    private static String toJson(Object value) {
        try {
            return Wire.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private HttpUrl.Builder url(String segments) {
        return baseUrl.newBuilder().addPathSegments(segments);
    }

    private HttpUrl.Builder machineUrl(long id) {
        return url("core/virtual-machines").addPathSegment(Long.toString(id));
    }

    private HttpUrl.Builder pageUrl(String segments, int page, int size) {
        return url(segments).addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("pageSize", Integer.toString(size));
    }

    /** After every create, delete, action and label change: the cached instance list is out of date. */
    private void mutated() {
        directory.invalidate();
    }

    @Override
    public String toString() {
        return "HyperstackClient[" + baseUrl + ", maxRetries=" + retryPolicy.maxRetries() + ", requestsPerMinute="
                + rateLimiter.requestsPerMinute() + "]";
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Configures a client. Only {@link #apiKey(String)} is required; {@link #build()} checks every
     * setting and says which one is wrong.
     */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private HttpUrl parsedBaseUrl;
        private String apiKey;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration rateLimitWait = DEFAULT_RATE_LIMIT_WAIT;
        private String providerVersion = defaultProviderVersion();
        private String terraformVersion;
        private Cancellation cancellation = Cancellation.none();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration directoryTtl = InstanceDirectory.DEFAULT_TTL;
        private Duration pollInitialInterval = StatusWaiter.DEFAULT_INITIAL_INTERVAL;
        private Duration pollMaxInterval = StatusWaiter.DEFAULT_MAX_INTERVAL;
        private ApiConnection connection;

        private Builder() {
        }

        /** API root including {@code /v1}; default {@value HyperstackClient#DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sent as the {@code api_key} header. Required. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Retries after the first attempt (0 to 20; default 5). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Client-side rate for the whole process (default 500, the API's documented limit). */
        public Builder requestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        /** Longest time for one whole HTTP call, connect to last byte (default 60 s, as request_timeout). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * How long a request keeps waiting out 429s when it has no time limit of its own (default 2
         * minutes; zero: a 429 fails at once).
         */
        public Builder rateLimitWait(Duration rateLimitWait) {
            this.rateLimitWait = rateLimitWait;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** This provider's version, for the User-Agent. */
        public Builder providerVersion(String providerVersion) {
            this.providerVersion = providerVersion;
            return this;
        }

        /** Terraform's version, appended to the User-Agent as {@code terraform/<version>}; null leaves it out. */
        public Builder terraformVersion(String terraformVersion) {
            this.terraformVersion = terraformVersion;
            return this;
        }

        /** The provider's stop signal (default: never). */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** How long {@link InstanceDirectory} reuses a listing (default 10 s). */
        public Builder directoryTtl(Duration ttl) {
            this.directoryTtl = ttl;
            return this;
        }

        /** {@link StatusWaiter} polls first after {@code initial}, growing to {@code max} (default 1 s to 8 s). */
        public Builder pollIntervals(Duration initial, Duration max) {
            this.pollInitialInterval = initial;
            this.pollMaxInterval = max;
            return this;
        }

        /** Proxy and TLS trust (default: no proxy, the system's certificate authorities). */
        public Builder connection(ApiConnection connection) {
            this.connection = connection;
            return this;
        }

        public HyperstackClient build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("An API key is required: set the provider's api_key argument or the"
                        + " HYPERSTACK_API_KEY environment variable (create a key in the HyperStack console under"
                        + " API keys).");
            }
            if (apiKey.strip().length() != apiKey.length() || apiKey.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                // Sent in a header, so it cannot hold these; saying so beats OkHttp's message, which could echo it.
                throw new IllegalArgumentException("The API key has leading/trailing blanks or characters that cannot be"
                        + " sent in an HTTP header; copy it again from the HyperStack console.");
            }
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("baseUrl must not be blank (default " + DEFAULT_BASE_URL + ")");
            }
            parsedBaseUrl = HttpUrl.parse(baseUrl.strip());
            if (parsedBaseUrl == null) {
                throw new IllegalArgumentException("The API address '" + baseUrl + "' is not an http(s) URL; expected"
                        + " something like " + DEFAULT_BASE_URL + " (check HYPERSTACK_API_ADDRESS / api_address).");
            }
            if (maxRetries < 0 || maxRetries > 20) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 20, got " + maxRetries);
            }
            if (requestsPerMinute < 1) {
                throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
            }
            requirePositive(requestTimeout, "requestTimeout");
            if (rateLimitWait == null || rateLimitWait.isNegative()) {
                throw new IllegalArgumentException("rateLimitWait must be zero or positive, got " + rateLimitWait);
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(readTimeout, "readTimeout");
            if (directoryTtl == null || directoryTtl.isNegative()) {
                throw new IllegalArgumentException("directoryTtl must be zero (no reuse) or positive, got " + directoryTtl);
            }
            requirePositive(pollInitialInterval, "pollIntervals initial");
            requirePositive(pollMaxInterval, "pollIntervals max");
            if (pollMaxInterval.compareTo(pollInitialInterval) < 0) {
                throw new IllegalArgumentException("pollIntervals: max (" + pollMaxInterval + ") is below initial ("
                        + pollInitialInterval + ")");
            }
            if (providerVersion == null || providerVersion.isBlank()) {
                throw new IllegalArgumentException("providerVersion must not be blank");
            }
            Objects.requireNonNull(cancellation, "cancellation (use Cancellation.none())");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            if (connection == null) {
                connection = ApiConnection.direct();
            }
            connection.proxyFor(parsedBaseUrl); // fails here, not at the first request, on an unusable proxy
            return new HyperstackClient(this);
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
            }
        }

        private static String defaultProviderVersion() {
            String v = HyperstackClient.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }

        @Override
        public String toString() {
            return "HyperstackClient.Builder[" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "<redacted>") + "]";
        }
    }
}
