package io.tfhyperstack.hyperstack;

import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Waits for machines to reach a status, or to be gone, with one poll loop for every waiter of the
 * process. Each tick asks the API in whichever way costs fewer requests: one listing (a request per
 * page) answers every waiter at once, while a GET per waited machine is cheaper when there are fewer
 * machines than pages, as with one power change among a thousand machines. A waited machine missing
 * from a listing is fetched by GET before it is declared gone, since a listing of live data can miss an
 * item.
 *
 * <p>A failure reaches only the waits it concerns: a failed GET ends the waits on that machine, a
 * failed listing every wait it was to answer, an exception from a caller's predicate that caller's wait.
 *
 * <p>The interval starts short (default 1 s) and grows by half each tick up to a maximum (default
 * 8 s); a new waiter brings it back to the start, because the change it waits for is most likely to
 * happen soon. Each wait also ends at its own timeout, whatever the interval.
 *
 * <p>The loop runs on one daemon thread that exists only while someone waits.
 */
public final class StatusWaiter {
    public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(8);
    private static final double GROWTH = 1.5;
    private static final System.Logger LOG = System.getLogger(StatusWaiter.class.getName());

    private final HyperstackClient client;
    private final long initialNanos;
    private final long maxNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Waiter> waiters = new ArrayList<>();
    private Thread loop;
    private long intervalNanos;
    private long nextTickNanos;

    StatusWaiter(HyperstackClient client, Duration initialInterval, Duration maxInterval) {
        this.client = client;
        this.initialNanos = initialInterval.toNanos();
        this.maxNanos = maxInterval.toNanos();
        this.intervalNanos = initialNanos;
    }

    /**
     * Blocks until the machine satisfies {@code done} and returns it as last seen.
     *
     * @throws InstanceFailedException if it reaches ERROR and {@code done} does not accept that
     * @throws NotFoundException if it disappears (GET answers 404)
     * @throws WaitTimeoutException if {@code timeout} passes first (naming the last status seen)
     * @throws CancelledException if {@code cancellation} (or the client's) fires
     */
    public Instance awaitStatus(long id, Predicate<Instance> done, Duration timeout, Cancellation cancellation) {
        Objects.requireNonNull(done, "done");
        return await(new Waiter(id, done, false, "reach the wanted status"), timeout, cancellation);
    }

    /** Convenience: waits until the status is {@code wanted}. */
    public Instance awaitStatus(long id, InstanceStatus wanted, Duration timeout, Cancellation cancellation) {
        Objects.requireNonNull(wanted, "wanted");
        return await(new Waiter(id, i -> i.statusView() == wanted, false, "reach status " + wanted), timeout,
                cancellation);
    }

    /** Blocks until GET answers 404 for the machine (it is deleted). */
    public void awaitGone(long id, Duration timeout, Cancellation cancellation) {
        await(new Waiter(id, null, true, "be deleted"), timeout, cancellation);
    }

    @SuppressWarnings("try") // the registration is only held for its close()
    private Instance await(Waiter w, Duration timeout, Cancellation cancellation) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancellation, "cancellation");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        cancellation.throwIfCancelled("waiting for virtual machine " + w.id + " to " + w.goal);
        register(w);
        String what = "waiting for virtual machine " + w.id + " to " + w.goal;
        try (Cancellation.Registration r1 = cancellation.onCancel(() -> w.result.completeExceptionally(
                new CancelledException(what)));
                Cancellation.Registration r2 = client.cancellation().onCancel(() -> w.result.completeExceptionally(
                        new CancelledException(what)))) {
            return w.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new WaitTimeoutException(w.id, w.goal, w.lastStatus, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException(what + " (thread interrupted)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new HyperstackException(what + " failed: " + cause, cause);
        } finally {
            unregister(w);
        }
    }

    private void register(Waiter w) {
        lock.lock();
        try {
            waiters.add(w);
            long now = System.nanoTime();
            intervalNanos = initialNanos;
            if (loop == null) {
                nextTickNanos = now + initialNanos;
                startLoop();
            } else if (nextTickNanos - now > initialNanos) {
                nextTickNanos = now + initialNanos;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void startLoop() {
        loop = new Thread(this::run, "hyperstack-status-poll");
        loop.setDaemon(true);
        loop.start();
    }

    private void unregister(Waiter w) {
        lock.lock();
        try {
            waiters.remove(w);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            List<Waiter> current;
            while ((current = awaitTick()) != null) {
                try {
                    tick(current);
                } catch (Throwable e) {
                    // The listing is every wait's source: when it failed after its own retries (or was
                    // cancelled), none of them can learn anything more right now, and each says why. An
                    // Error goes to the waits the same way instead of ending the process's only poll thread.
                    LOG.log(System.Logger.Level.DEBUG, "status poll failed: " + e);
                    for (Waiter w : current) {
                        w.result.completeExceptionally(e);
                    }
                }
                lock.lock();
                try {
                    intervalNanos = Math.min(maxNanos, (long) (intervalNanos * GROWTH));
                    nextTickNanos = System.nanoTime() + intervalNanos;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            lock.lock();
            try {
                // Whatever ended this thread, the loop must not stay marked as running: waiters would
                // then wait for a thread that is gone, and no later one would start another.
                if (loop == Thread.currentThread()) {
                    loop = null;
                    if (!waiters.isEmpty()) {
                        startLoop();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Blocks until the next tick is due and returns the waiters then present; null once none is left,
     * with the loop already marked stopped, so that a waiter arriving next starts a new one.
     */
    private List<Waiter> awaitTick() {
        lock.lock();
        try {
            while (true) {
                if (waiters.isEmpty()) {
                    loop = null;
                    return null;
                }
                long wait = nextTickNanos - System.nanoTime();
                if (wait <= 0) {
                    return new ArrayList<>(waiters);
                }
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void tick(List<Waiter> current) {
        current.removeIf(w -> w.result.isDone());
        if (current.isEmpty()) {
            return;
        }
        Map<Long, List<Waiter>> machines = byMachine(current);
        Map<Long, Instance> listed = listingIsCheaper(machines.size()) ? list() : Map.of();
        for (Map.Entry<Long, List<Waiter>> machine : machines.entrySet()) {
            serve(machine.getKey(), machine.getValue(), listed.get(machine.getKey()));
        }
    }

    /**
     * The number of pages comes from the client's last complete listing; until there is one the poll
     * lists, which is how it learns. A tie goes to the listing, as it also refreshes lookups by name.
     * Pages are counted at the size we ask for; an API that serves fewer per page only makes the poll
     * list where GETs would have been a little cheaper.
     */
    private boolean listingIsCheaper(int machines) {
        int known = client.directory().lastListedCount();
        if (known < 0) {
            return true;
        }
        int pages = Math.max(1, (known + HyperstackClient.PAGE_SIZE - 1) / HyperstackClient.PAGE_SIZE);
        return machines >= pages;
    }

    private Map<Long, Instance> list() {
        InstanceDirectory directory = client.directory();
        long generation = directory.generation();
        List<Instance> listing = client.listInstances();
        directory.offer(listing, generation);
        Map<Long, Instance> byId = new HashMap<>();
        for (Instance i : listing) {
            byId.put(i.id(), i);
        }
        return byId;
    }

    private static Map<Long, List<Waiter>> byMachine(List<Waiter> waiters) {
        Map<Long, List<Waiter>> byId = new LinkedHashMap<>();
        for (Waiter w : waiters) {
            byId.computeIfAbsent(w.id, id -> new ArrayList<>()).add(w);
        }
        return byId;
    }

    /**
     * Answers the waits on one machine, from the listing when there is one that holds it, else by GET.
     * A failing GET (after the client's own retries) ends these waits only: the others of the tick
     * learnt nothing bad.
     */
    private void serve(long id, List<Waiter> waits, Instance listed) {
        Instance seen = listed;
        if (seen == null) {
            try {
                seen = client.getInstance(id);
            } catch (NotFoundException e) {
                waits.forEach(Waiter::onGone);
                return;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.DEBUG, "status poll of virtual machine " + id + " failed: " + e);
                waits.forEach(w -> w.result.completeExceptionally(e));
                return;
            }
        }
        for (Waiter w : waits) {
            w.onSeen(seen);
        }
    }

    private static final class Waiter {
        final long id;
        final Predicate<Instance> done;
        final boolean untilGone;
        final String goal;
        final CompletableFuture<Instance> result = new CompletableFuture<>();
        volatile String lastStatus;

        Waiter(long id, Predicate<Instance> done, boolean untilGone, String goal) {
            this.id = id;
            this.done = done;
            this.untilGone = untilGone;
            this.goal = goal;
        }

        void onGone() {
            if (untilGone) {
                result.complete(null);
            } else {
                result.completeExceptionally(new NotFoundException("GET", "/core/virtual-machines/" + id, 404,
                        "virtual machine " + id + " disappeared while waiting for it to " + goal, "not_found",
                        "It was deleted outside Terraform, or its creation failed and HyperStack removed it."));
            }
        }

        void onSeen(Instance i) {
            lastStatus = i.status();
            if (untilGone) {
                return;
            }
            boolean accepted;
            try {
                accepted = done.test(i);
            } catch (Throwable e) {
                // The caller's predicate failed: that is its own wait's outcome, not the tick's.
                result.completeExceptionally(e);
                return;
            }
            if (accepted) {
                result.complete(i);
            } else if (i.statusView() == InstanceStatus.ERROR) {
                result.completeExceptionally(new InstanceFailedException(id, i.status(), goal));
            }
        }
    }
}
