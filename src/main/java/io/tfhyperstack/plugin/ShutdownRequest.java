package io.tfhyperstack.plugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The moment the client says it is done with this process. Long-lived streams (stdio, broker) register
 * here so they can be ended first: a graceful gRPC shutdown waits for open calls, and these never end
 * on their own.
 */
final class ShutdownRequest {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Runnable> beforeShutdown = new CopyOnWriteArrayList<>();

    void request() {
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    void await() throws InterruptedException {
        requested.await();
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return requested.await(timeout, unit);
    }

    /** Registers work to do once shutdown starts; runs at once if it already has. */
    void onShutdown(Runnable action) {
        beforeShutdown.add(action);
        if (isRequested() && beforeShutdown.remove(action)) {
            action.run();
        }
    }

    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a CopyOnWriteArrayList: the loop walks a snapshot
    void runShutdownActions() {
        for (Runnable action : beforeShutdown) {
            if (beforeShutdown.remove(action)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // A stream the client already closed may refuse to complete; shutdown goes on.
                }
            }
        }
    }
}
