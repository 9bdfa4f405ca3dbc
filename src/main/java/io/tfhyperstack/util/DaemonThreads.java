package io.tfhyperstack.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for background pools. Daemon threads, so that a process's life is decided by its
 * main thread and never by a pool someone forgot to shut down; numbered names, so that a thread dump
 * says whose thread it is.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            // Plain concatenation: String.format would load the locale machinery on the start-up path.
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
