package io.tfhyperstack.hyperstack;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot signal that long-running work should stop. The provider trips it when Terraform sends
 * StopProvider; every HTTP call, backoff sleep and status wait of this package listens to it and
 * ends with a {@link CancelledException} well under a second later.
 *
 * <p>Thread-safe. Callbacks registered with {@link #onCancel(Runnable)} run exactly once, on the
 * thread that calls {@link #cancel()} (or at once, on the registering thread, if the signal already
 * fired). Registrations are closeable so that short-lived work (one HTTP call) does not pile up
 * callbacks on a signal that lives as long as the process.
 */
public final class Cancellation {
    private static final System.Logger LOG = System.getLogger(Cancellation.class.getName());
    private static final Cancellation NONE = new Cancellation(false);

    private final boolean cancellable;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Entry> callbacks = new CopyOnWriteArrayList<>();

    /** A fresh signal that has not fired; same as {@link #create()}. */
    public Cancellation() {
        this(true);
    }

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** A fresh signal that has not fired. */
    public static Cancellation create() {
        return new Cancellation(true);
    }

    /** A signal that never fires; {@link #cancel()} on it is a programming error. */
    public static Cancellation none() {
        return NONE;
    }

    /** Fires the signal. Idempotent: only the first call runs the callbacks. */
    public void cancel() {
        if (!cancellable) {
            throw new IllegalStateException("Cancellation.none() cannot be cancelled; use Cancellation.create()");
        }
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        for (Entry e : callbacks) {
            e.fire();
        }
        callbacks.clear();
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} naming {@code what} if the signal has fired. */
    public void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw new CancelledException(what);
        }
    }

    /**
     * Registers a callback to run when the signal fires. If it already fired, the callback runs now.
     * Close the returned registration once the guarded work is over.
     */
    public Registration onCancel(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (!cancellable) {
            return Registration.NOOP;
        }
        Entry entry = new Entry(callback);
        callbacks.add(entry);
        // cancel() may have run between the add and now; fire() is once-only, so this is safe.
        if (isCancelled()) {
            callbacks.remove(entry);
            entry.fire();
        }
        return () -> callbacks.remove(entry);
    }

    @Override
    public String toString() {
        return cancellable ? "Cancellation[" + (isCancelled() ? "cancelled" : "active") + "]" : "Cancellation.none";
    }

    /** Undoes an {@link #onCancel(Runnable)}; closing twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        Registration NOOP = () -> { };

        @Override
        void close();
    }

    private static final class Entry {
        private final Runnable callback;
        private final AtomicBoolean fired = new AtomicBoolean();

        Entry(Runnable callback) {
            this.callback = callback;
        }

        void fire() {
            if (fired.compareAndSet(false, true)) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    // One faulty callback must not stop the others from hearing the signal.
                    LOG.log(System.Logger.Level.WARNING, "cancellation callback failed", e);
                }
            }
        }
    }
}
