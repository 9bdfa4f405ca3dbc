package io.tfhyperstack.hyperstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Environment;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.net.ApiConnection;
import io.tfhyperstack.hyperstack.net.ConnectionFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
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
 * <p>Every call goes through the same steps: wait for the {@link RateLimiter} shared by every client of
 * the process with the same API address and key, send with
 * the {@code api_key} and User-Agent headers, and on 429, 5xx or a failed connection wait (Retry-After
 * when the API sends one, else exponential backoff with jitter from one second) and try again, at most
 * {@code maxRetries} times, but only when repeating the request cannot do harm:
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
 * A clear refusal (400, 401, 403, 404, 409) is never repeated. Every wait and every call stops within
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
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(32);
    /** A Retry-After beyond this is treated as this, so a confused header cannot park Terraform for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** Guards against an API that never returns a short or empty page. */
    static final int MAX_PAGES = 10_000;

    private static final System.Logger LOG = System.getLogger(HyperstackClient.class.getName());
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    /** One connection pool and dispatcher for the process; each client derives its own settings from it. */
    private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
            // Retrying is ours alone: OkHttp's silent retry would repeat a POST that may have been received.
            .retryOnConnectionFailure(false)
            .build();

    private final HttpUrl baseUrl;
    private final String apiKey;
    private final int maxRetries;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Cancellation cancellation;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateLimiter rateLimiter;
    private final ApiConnection connection;
    private final OkHttpClient http;
    private final InstanceDirectory directory;
    private final StatusWaiter statusWaiter;

    private HyperstackClient(Builder b) {
        this.baseUrl = b.parsedBaseUrl;
        this.apiKey = b.apiKey;
        this.maxRetries = b.maxRetries;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.requestTimeout = b.requestTimeout;
        this.userAgent = "terraform-provider-hyperstack/" + b.providerVersion
                + (b.terraformVersion == null ? "" : " terraform/" + b.terraformVersion);
        this.cancellation = b.cancellation;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.rateLimiter = RateLimiter.shared(baseUrl.toString(), apiKey, b.requestsPerMinute);
        this.connection = b.connection;
        LOG.log(System.Logger.Level.DEBUG, () -> connection.describe(baseUrl));
        this.http = connection.applyTo(SHARED_HTTP.newBuilder())
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(requestTimeout)
                .addInterceptor(new HeaderInterceptor(apiKey, userAgent))
                .addInterceptor(new LoggingInterceptor(LOG))
                .build();
        this.directory = new InstanceDirectory(this, b.directoryTtl, clock);
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
        Map<Long, Instance> byId = new LinkedHashMap<>();
        List<Instance> withoutId = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpUrl.Builder url = url("core/virtual-machines")
                    .addQueryParameter("page", Integer.toString(page))
                    .addQueryParameter("pageSize", Integer.toString(PAGE_SIZE));
            if (query.search() != null) {
                url.addQueryParameter("search", query.search());
            }
            if (query.environment() != null) {
                url.addQueryParameter("environment", query.environment());
                url.addQueryParameter("exact_environment_match", Boolean.toString(query.exactEnvironmentMatch()));
            }
            Req req = new Req("GET", "/core/virtual-machines", url.build(), null, Safety.REPEATABLE);
            Wire.InstancesPage answer = parse(req, execute(req), Wire.InstancesPage.class);
            List<Instance> items = answer == null || answer.instances() == null ? List.of() : answer.instances();
            for (Instance i : items) {
                if (i == null) {
                    continue;
                }
                if (i.id() == 0) {
                    withoutId.add(i);
                } else {
                    byId.putIfAbsent(i.id(), i);
                }
            }
            if (isLastPage(page, items.size(), answer == null ? null : answer.count(),
                    answer == null ? null : answer.pageSize(), byId.size() + withoutId.size())) {
                break;
            }
        }
        List<Instance> all = new ArrayList<>(byId.values());
        all.addAll(withoutId);
        return List.copyOf(all);
    }

    /**
     * Pagination stops at the first empty page; when the API reports a total {@code count}, as soon
     * as that many distinct items arrived; otherwise at the first page shorter than the page size
     * (the API's reported {@code page_size} if smaller than ours, in case it caps the size).
     */
    static boolean isLastPage(int page, int itemsOnPage, Integer count, Integer reportedPageSize, int collected) {
        if (itemsOnPage == 0) {
            return true;
        }
        if (count != null && count >= 0) {
            return collected >= count;
        }
        int effective = reportedPageSize != null && reportedPageSize > 0 ? Math.min(PAGE_SIZE, reportedPageSize)
                : PAGE_SIZE;
        return itemsOnPage < effective;
    }

    /** One virtual machine; {@link NotFoundException} if it does not exist (in this region). */
    public Instance getInstance(long id) {
        Req req = new Req("GET", "/core/virtual-machines/" + id, url("core/virtual-machines").addPathSegment(
                Long.toString(id)).build(), null, Safety.REPEATABLE);
        Wire.InstanceAnswer answer = parse(req, execute(req), Wire.InstanceAnswer.class);
        if (answer == null || answer.instance() == null) {
            throw malformed(req, "the answer has no \"instance\" object", null);
        }
        return answer.instance();
    }

    /**
     * Creates one virtual machine and returns it as the API first describes it (usually CREATING).
     * Never creates two: see the class comment. When a look-up after an ambiguous failure finds the
     * machine, that machine is returned as if the create had answered.
     */
    public Instance createInstance(CreateInstanceRequest request) {
        Objects.requireNonNull(request, "request");
        String path = "/core/virtual-machines";
        Req req = new Req("POST", path, url("core/virtual-machines").build(), toJson(request), Safety.NOT_REPEATABLE);
        boolean mayExist = false;
        try {
            for (int attempt = 0; ; attempt++) {
                Outcome outcome = send(req);
                if (outcome.isSuccess()) {
                    Wire.CreateAnswer answer;
                    try {
                        answer = parse(req, outcome.body, Wire.CreateAnswer.class);
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
                    throw malformed(req, "the answer lists no created virtual machine", null);
                }
                if (outcome.code == 409 && mayExist) {
                    // Our earlier attempt most likely made it; the name now being taken is the proof.
                    Instance found = lookUpCreated(request, req, null);
                    if (found != null) {
                        return found;
                    }
                }
                boolean ambiguous = (outcome.failure != null && !isPermanent(outcome.failure)) || outcome.code >= 500;
                boolean retryable = ambiguous || outcome.code == 429;
                mayExist |= ambiguous;
                if (!retryable) {
                    throw toException(req, outcome, attempt);
                }
                if (attempt >= maxRetries) {
                    if (mayExist) {
                        Instance found = lookUpCreated(request, req, null);
                        if (found != null) {
                            return found;
                        }
                    }
                    throw toException(req, outcome, attempt);
                }
                Duration wait = waitBeforeRetry(outcome, attempt);
                logRetry(req, outcome, attempt, wait);
                sleeper.sleep(wait, cancellation);
                if (ambiguous) {
                    Instance found = lookUpCreated(request, req, outcome);
                    if (found != null) {
                        LOG.log(System.Logger.Level.INFO, () -> "create of " + request.name()
                                + " answered ambiguously but the machine exists (id " + found.id()
                                + "); not creating it again");
                        return found;
                    }
                }
            }
        } finally {
            mutated();
        }
    }

    /**
     * After a create whose outcome is unknown: the newest machine with exactly this name in this
     * environment, or null. A failing look-up is reported as such, since the caller then cannot know
     * whether a machine was made.
     */
    private Instance lookUpCreated(CreateInstanceRequest request, Req createReq, Outcome cause) {
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
            throw new TransportException("Creating virtual machine " + request.name() + " (" + createReq.method + " "
                    + createReq.path + ") got no clear answer" + (cause == null ? "" : " (" + cause.summary() + ")")
                    + ", and looking the name up to see whether it was created failed too: " + e.getMessage()
                    + " A machine named " + request.name() + " may exist: check the HyperStack console and import"
                    + " it (terraform import) or delete it before applying again.", false, e);
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
            Req req = new Req("DELETE", "/core/virtual-machines/" + id,
                    url("core/virtual-machines").addPathSegment(Long.toString(id)).build(), null, Safety.DELETE);
            execute(req);
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
            HttpUrl.Builder url = url("core/virtual-machines").addPathSegment(Long.toString(id)).addPathSegment(name);
            if (retainIp != null) {
                url.addQueryParameter("retain_ip", retainIp);
            }
            // The API made these GETs; they are safe to send again (the class comment says what a
            // refusal of the repeat means).
            execute(new Req("GET", "/core/virtual-machines/" + id + "/" + name, url.build(), null, Safety.REPEATABLE));
        } finally {
            mutated();
        }
    }

    /** Replaces the machine's labels with {@code labels} (the API's PUT; an empty list clears them). */
    public void setLabels(long id, List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        try {
            String body = toJson(new Wire.LabelsBody(List.copyOf(labels)));
            execute(new Req("PUT", "/core/virtual-machines/" + id + "/label",
                    url("core/virtual-machines").addPathSegment(Long.toString(id)).addPathSegment("label").build(),
                    body, Safety.REPEATABLE));
        } finally {
            mutated();
        }
    }

    /** True if no virtual machine has this name yet. */
    public boolean isNameAvailable(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Req req = new Req("GET", "/core/virtual-machines/name-availability/" + name,
                url("core/virtual-machines").addPathSegment("name-availability").addPathSegment(name).build(), null,
                Safety.REPEATABLE);
        Wire.NameAnswer answer = parse(req, execute(req), Wire.NameAnswer.class);
        if (answer == null || answer.available() == null) {
            throw malformed(req, "the answer has no \"available\" field", null);
        }
        return answer.available();
    }

    /** Every environment, over all pages. */
    public List<Environment> listEnvironments() {
        Map<Object, Environment> seen = new LinkedHashMap<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpUrl url = url("core/environments")
                    .addQueryParameter("page", Integer.toString(page))
                    .addQueryParameter("pageSize", Integer.toString(PAGE_SIZE))
                    .build();
            Req req = new Req("GET", "/core/environments", url, null, Safety.REPEATABLE);
            Wire.EnvironmentsPage answer = parse(req, execute(req), Wire.EnvironmentsPage.class);
            List<Environment> items = answer == null || answer.environments() == null ? List.of()
                    : answer.environments();
            for (Environment e : items) {
                if (e != null) {
                    seen.putIfAbsent(e.id() != null ? e.id() : (Object) ("name:" + e.name()), e);
                }
            }
            if (isLastPage(page, items.size(), answer == null ? null : answer.count(),
                    answer == null ? null : answer.pageSize(), seen.size())) {
                break;
            }
        }
        return List.copyOf(seen.values());
    }

    // ---------------------------------------------------------------------------------------------
    // Sending, retrying, errors

    private enum Safety { REPEATABLE, DELETE, NOT_REPEATABLE }

    /** One request: {@code path} is what messages show (no host, no query). */
    private record Req(String method, String path, HttpUrl url, String body, Safety safety) {
        String describe() {
            return method + " " + path;
        }
    }

    /** What one attempt produced: an HTTP answer, or an I/O failure. */
    private static final class Outcome {
        final int code;
        final String body;
        final String retryAfter;
        final IOException failure;

        Outcome(int code, String body, String retryAfter, IOException failure) {
            this.code = code;
            this.body = body;
            this.retryAfter = retryAfter;
            this.failure = failure;
        }

        boolean isSuccess() {
            return failure == null && code >= 200 && code < 300;
        }

        String summary() {
            return failure != null ? describeFailure(failure) : "HTTP " + code;
        }
    }

    /** Sends with retries as the class comment describes; returns the body of a 2xx answer. */
    private String execute(Req req) {
        for (int attempt = 0; ; attempt++) {
            Outcome outcome = send(req);
            if (outcome.isSuccess()) {
                return outcome.body;
            }
            if (req.safety == Safety.DELETE && attempt > 0 && outcome.code == 404) {
                LOG.log(System.Logger.Level.DEBUG, () -> req.describe() + ": 404 on a repeated delete; the first"
                        + " attempt deleted it");
                return "";
            }
            boolean retryable = (outcome.failure != null && !isPermanent(outcome.failure)) || outcome.code == 429
                    || outcome.code >= 500;
            if (!retryable || req.safety == Safety.NOT_REPEATABLE || attempt >= maxRetries) {
                throw toException(req, outcome, attempt);
            }
            Duration wait = waitBeforeRetry(outcome, attempt);
            logRetry(req, outcome, attempt, wait);
            sleeper.sleep(wait, cancellation);
        }
    }

    /** One attempt: rate limit, send, read the whole body. Cancellation aborts the call in flight. */
    @SuppressWarnings("try") // the registration is only held for its close()
    private Outcome send(Req req) {
        cancellation.throwIfCancelled(req.describe());
        rateLimiter.acquire(sleeper, cancellation);
        Request.Builder rb = new Request.Builder().url(req.url);
        if (req.body != null) {
            rb.method(req.method, RequestBody.create(req.body, JSON_TYPE));
        } else if (req.method.equals("GET")) {
            rb.get();
        } else {
            rb.method(req.method, null);
        }
        Call call = http.newCall(rb.build());
        try (Cancellation.Registration r = cancellation.onCancel(call::cancel);
                Response response = call.execute()) {
            String body = response.body().string();
            return new Outcome(response.code(), body, response.header("Retry-After"), null);
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw new CancelledException(req.describe());
            }
            return new Outcome(0, null, null, e);
        }
    }

    private void logRetry(Req req, Outcome outcome, int attempt, Duration wait) {
        LOG.log(System.Logger.Level.DEBUG, () -> req.describe() + ": " + outcome.summary() + "; retry " + (attempt + 1)
                + " of " + maxRetries + " in " + wait.toMillis() + " ms");
    }

    /** Retry-After when the API sent a usable one, else backoff: 1 s, 2 s, 4 s ... plus up to 25% jitter. */
    private Duration waitBeforeRetry(Outcome outcome, int attempt) {
        Duration retryAfter = parseRetryAfter(outcome.retryAfter, clock);
        if (retryAfter != null) {
            return retryAfter;
        }
        return backoff(attempt);
    }

    static Duration backoff(int attempt) {
        long base = INITIAL_BACKOFF.toMillis() << Math.min(attempt, 20);
        base = Math.min(base, MAX_BACKOFF.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(base + jitter);
    }

    /** Seconds or an HTTP date; null when absent or unreadable. Capped at {@link #MAX_RETRY_AFTER}. */
    static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    /** A proxy, trust or name failure that repeating cannot mend (the request never reached the API). */
    private boolean isPermanent(IOException failure) {
        ConnectionFailure explained = connection.explain(failure, baseUrl);
        return explained != null && explained.permanent();
    }

    private HyperstackException toException(Req req, Outcome outcome, int retriesDone) {
        if (outcome.failure != null) {
            boolean timeout = isTimeout(outcome.failure);
            String retried = retriesDone == 0 ? "" : " after " + (retriesDone + 1) + " attempts";
            ConnectionFailure explained = connection.explain(outcome.failure, baseUrl);
            if (explained != null) {
                return new TransportException(scrub("HyperStack API " + req.describe() + " failed" + retried + ": "
                        + explained.what() + ". " + explained.advice()), false, outcome.failure);
            }
            String advice = timeout
                    ? "The API did not answer in time (connect " + connectTimeout.toMillis() + " ms, read "
                            + readTimeout.toMillis() + " ms, whole request " + requestTimeout.toMillis()
                            + " ms). Try again, or raise the provider's request timeout."
                    : "Check the network connection to " + baseUrl.host()
                            + " and the API address (HYPERSTACK_API_ADDRESS / the provider's api_address).";
            return new TransportException(scrub("HyperStack API " + req.describe() + " failed" + retried + ": "
                    + describeFailure(outcome.failure) + ". " + advice), timeout, outcome.failure);
        }
        String apiMessage = null;
        String errorReason = null;
        try {
            if (outcome.body != null && !outcome.body.isBlank()) {
                Wire.ErrorBody eb = Wire.JSON.readValue(outcome.body, Wire.ErrorBody.class);
                if (eb != null) {
                    apiMessage = eb.message();
                    errorReason = eb.errorReason();
                }
            }
        } catch (JsonProcessingException notJson) {
            String text = outcome.body.strip();
            if (!text.startsWith("<")) {
                apiMessage = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            }
        }
        apiMessage = scrub(apiMessage);
        errorReason = scrub(errorReason);
        String m = req.method;
        String p = req.path;
        int code = outcome.code;
        String tries = " (gave up after " + (retriesDone + 1) + " attempt" + (retriesDone == 0 ? "" : "s") + ")";
        switch (code) {
            case 400:
                return new BadRequestException(m, p, code, apiMessage, errorReason,
                        "The API refused the request as sent; correct the argument the message names and apply again.");
            case 401:
                return new UnauthorizedException(m, p, code, apiMessage, errorReason,
                        "Check HYPERSTACK_API_KEY / the provider's api_key: the key is missing, mistyped or revoked.");
            case 403:
                return new ForbiddenException(m, p, code, apiMessage, errorReason,
                        "The API key is valid but not allowed to do this; check the key's organization and role in"
                                + " the HyperStack console.");
            case 404:
                return new NotFoundException(m, p, code, apiMessage, errorReason,
                        "The resource does not exist: it was deleted outside Terraform, or it belongs to another"
                                + " region (IDs are region-scoped).");
            case 409:
                return new ConflictException(m, p, code, apiMessage, errorReason,
                        "A virtual machine with this name already exists (or the resource is busy); choose another"
                                + " name or import the existing machine with terraform import.");
            case 429:
                return new RateLimitedException(m, p, code, apiMessage, errorReason,
                        "The API's rate limit (per source IP, shared with every other client there) was still exceeded" + tries
                                + ". Lower terraform -parallelism or the provider's requests_per_minute, or try again"
                                + " in a minute.");
            default:
                if (code >= 500) {
                    return new ServerErrorException(m, p, code, apiMessage, errorReason,
                            "HyperStack had an internal error" + tries + ". Try again later; if it persists, check"
                                    + " the machine in the HyperStack console.");
                }
                return new BadRequestException(m, p, code, apiMessage, errorReason,
                        "The API refused the request; this is likely a provider bug, please report it.");
        }
    }

    private TransportException malformed(Req req, String what, Throwable cause) {
        return new TransportException(scrub("HyperStack API " + req.describe() + " answered, but " + what
                + ". The API may have changed or a proxy may have altered the answer; try again, and report it if it"
                + " persists."), false, cause);
    }

    private <T> T parse(Req req, String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Wire.JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw malformed(req, "its body is not the JSON the API documents (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String toJson(Object value) {
        try {
            return Wire.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
    }

    /**
     * What went wrong with the connection, in words: this reaches Terraform users, to whom a Java class
     * name means nothing (the log line of the failed call keeps it, for whoever debugs).
     */
    static String describeFailure(IOException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        if (isTimeout(e)) {
            return "timed out";
        }
        if (e instanceof UnknownHostException) {
            return "the host name could not be resolved" + detail;
        }
        if (e instanceof ConnectException) {
            return "the connection was refused" + detail;
        }
        if (e instanceof SSLException) {
            return "the TLS connection failed" + detail;
        }
        if (e instanceof SocketException || e instanceof EOFException) {
            return "the connection broke" + detail;
        }
        return "the connection failed" + detail;
    }

    /** The API key never leaves this object, even when the API echoes it back in a message. */
    private String scrub(String text) {
        if (text == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "<redacted>");
    }

    private HttpUrl.Builder url(String segments) {
        return baseUrl.newBuilder().addPathSegments(segments);
    }

    /** After every create, delete, action and label change: the cached instance list is out of date. */
    private void mutated() {
        directory.invalidate();
    }

    @Override
    public String toString() {
        return "HyperstackClient[" + baseUrl + ", maxRetries=" + maxRetries + ", requestsPerMinute="
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
