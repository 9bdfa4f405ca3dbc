package io.tfhyperstack.framework.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Trips once when Terraform sends StopProvider. Waits and HTTP calls listen to it so that Ctrl-C ends
 * them promptly; the server itself keeps serving, as Terraform expects.
 */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a CopyOnWriteArrayList: the loop walks a snapshot
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        for (Runnable listener : listeners) {
            // removal decides who runs a listener racing with onStop: it runs exactly once
            if (!listeners.remove(listener)) {
                continue;
            }
            try {
                listener.run();
            } catch (RuntimeException ignored) {
                // one broken listener must not keep the others from hearing the stop
            }
        }
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Runs the listener when the signal trips, or at once if it already has. */
    public void onStop(Runnable listener) {
        listeners.add(listener);
        if (isStopped() && listeners.remove(listener)) {
            listener.run();
        }
    }
}
