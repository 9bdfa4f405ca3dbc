package io.tfhyperstack.plugin.logging;

import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The threads of one provider-service session, and where their log lines go. A session starts its first
 * thread in its scope; every thread created from there (the session's gRPC pools, its status poller, its
 * TLS set-up) joins the same group, so a log line finds its session from the thread that wrote it, with
 * nothing passed along the call chain.
 */
public final class LogScope extends ThreadGroup {
    private final Handler handler;
    private final HclogLevel level;
    private final SessionLogRouter router;
    private volatile boolean closed;

    @SuppressWarnings("removal") // setDaemon: see below
    LogScope(String name, Handler handler, HclogLevel level, SessionLogRouter router) {
        super(name);
        // On Java 17 a parent holds its child groups until they are destroyed, and a daemon group is
        // destroyed when its last thread ends: without this, every session would leave its group behind.
        setDaemon(true); // deprecated for removal with group destruction itself; needed until then
        this.handler = handler;
        this.level = level;
        this.router = router;
    }

    /** The scope of the calling thread, or null for a thread of no session. */
    static LogScope current() {
        for (ThreadGroup group = Thread.currentThread().getThreadGroup(); group != null; group = group.getParent()) {
            if (group instanceof LogScope scope) {
                return scope;
            }
        }
        return null;
    }

    public HclogLevel level() {
        return level;
    }

    void publish(LogRecord record) {
        // A session's threads may outlive it by a moment (a poller finishing its sleep); what they say
        // then has no reader, and must not land in another session's stream or in the service's log.
        if (!closed) {
            handler.publish(record);
        }
    }

    /** Ends the session's logging; its threads' later lines are dropped. */
    public void close() {
        if (!closed) {
            closed = true;
            handler.flush();
            router.closed(this);
        }
    }
}
