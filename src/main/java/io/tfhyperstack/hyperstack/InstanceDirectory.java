package io.tfhyperstack.hyperstack;

import io.tfhyperstack.hyperstack.model.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The process-wide view of the instance list that lookups by name, IP or id read from, so that a
 * plan with many data sources costs one listing instead of one per lookup.
 *
 * <ul>
 * <li>Concurrent readers coalesce: at most one listing is in flight; the others wait for it.</li>
 * <li>A completed listing is reused for a short TTL (default 10 s).</li>
 * <li>Any mutation made through the owning client (create, delete, actions, labels) invalidates it,
 * so a lookup after a change made in this process sees the change. Changes made elsewhere show up
 * when the TTL runs out.</li>
 * </ul>
 * With M machines and page size P, N concurrent lookups cost ceil(M / P) requests.
 */
public final class InstanceDirectory {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    private final HyperstackClient client;
    private final Duration ttl;
    private final Clock clock;

    private final Object lock = new Object();
    /** Bumped by every invalidation; a listing started before a bump is not cached. */
    private long generation;
    private List<Instance> cached;
    private long cachedAtMillis;
    private CompletableFuture<List<Instance>> inFlight;
    private volatile int lastListedCount = -1;

    InstanceDirectory(HyperstackClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Every machine, from the cache when fresh, else from one (shared) listing. */
    public List<Instance> all() {
        CompletableFuture<List<Instance>> future;
        long startedGeneration;
        boolean leader = false;
        synchronized (lock) {
            if (cached != null && clock.millis() - cachedAtMillis < ttl.toMillis()) {
                return cached;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            future = inFlight;
            startedGeneration = generation;
        }
        if (leader) {
            return list(future, startedGeneration);
        }
        return awaitShared(future);
    }

    private List<Instance> list(CompletableFuture<List<Instance>> future, long startedGeneration) {
        try {
            List<Instance> result = client.listInstances();
            synchronized (lock) {
                if (inFlight == future) {
                    inFlight = null;
                }
                if (generation == startedGeneration) {
                    cached = result;
                    cachedAtMillis = clock.millis();
                }
            }
            lastListedCount = result.size();
            future.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                if (inFlight == future) {
                    inFlight = null;
                }
            }
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits for another thread's listing, but gives up at once when the client's cancellation fires. */
    @SuppressWarnings("try") // the registration is only held for its close()
    private List<Instance> awaitShared(CompletableFuture<List<Instance>> shared) {
        CompletableFuture<List<Instance>> mine = new CompletableFuture<>();
        var unused = shared.whenComplete((v, e) -> { // mine carries the outcome
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(v);
            }
        });
        Cancellation c = client.cancellation();
        try (Cancellation.Registration r = c.onCancel(
                () -> mine.completeExceptionally(new CancelledException("a listing of virtual machines")))) {
            return mine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("a listing of virtual machines (thread interrupted)");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new HyperstackException("listing virtual machines failed: " + t, t);
    }

    /**
     * Machines named exactly {@code name} (case-sensitive, as the API treats names), in
     * {@code environment} when not null. Usually zero or one; the API allows duplicates across
     * environments, so callers decide what several mean.
     */
    public List<Instance> findByName(String name, String environmentOrNull) {
        Objects.requireNonNull(name, "name");
        return all().stream()
                .filter(i -> name.equals(i.name()))
                .filter(i -> environmentOrNull == null || environmentOrNull.equals(i.environmentName()))
                .toList();
    }

    /** Machines whose fixed (private) or floating (public) IP is {@code ip}, in {@code environment} when not null. */
    public List<Instance> findByIp(String ip, String environmentOrNull) {
        Objects.requireNonNull(ip, "ip");
        String wanted = ip.strip();
        return all().stream()
                .filter(i -> i.hasIp(wanted))
                .filter(i -> environmentOrNull == null || environmentOrNull.equals(i.environmentName()))
                .toList();
    }

    /**
     * The machine with this id: from a fresh listing if it holds it, else by GET (so a machine created
     * a moment ago, or outside the listing, is still found). Empty when the API answers 404.
     */
    public Optional<Instance> findById(long id) {
        synchronized (lock) {
            if (cached != null && clock.millis() - cachedAtMillis < ttl.toMillis()) {
                for (Instance i : cached) {
                    if (i.id() == id) {
                        return Optional.of(i);
                    }
                }
            }
        }
        try {
            return Optional.of(client.getInstance(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The invalidation count; read it before a listing that is to be {@link #offer offered}. */
    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /**
     * Takes a complete listing made elsewhere (the status poll loop) as the current view, unless a
     * mutation happened since it started: lookups then reuse the poll's work instead of listing again.
     */
    void offer(List<Instance> listing, long startedGeneration) {
        synchronized (lock) {
            if (generation == startedGeneration) {
                cached = List.copyOf(listing);
                cachedAtMillis = clock.millis();
            }
        }
        lastListedCount = listing.size();
    }

    /** How many machines the last completed listing held; -1 before the first one. */
    public int lastListedCount() {
        return lastListedCount;
    }

    /** Forgets the cached listing; the next read lists again. Called after every mutation. */
    public void invalidate() {
        synchronized (lock) {
            generation++;
            cached = null;
            // A listing already under way may predate the change: let its waiters have it, but make
            // the next reader start a new one.
            inFlight = null;
        }
    }
}
