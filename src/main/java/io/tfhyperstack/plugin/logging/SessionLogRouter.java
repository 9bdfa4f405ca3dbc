package io.tfhyperstack.plugin.logging;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The provider service's root log handler. java.util.logging is one per process, but each session must
 * write hclog JSON to its own launcher at the level its own TF_LOG asked for: a record goes to the
 * {@link LogScope} of the thread that made it, and records of threads outside every session go to the
 * service's own log.
 */
public final class SessionLogRouter extends Handler {
    private final Handler serviceLog;
    private final HclogLevel serviceLevel;
    private final Set<LogScope> open = ConcurrentHashMap.newKeySet();

    SessionLogRouter(Handler serviceLog, HclogLevel serviceLevel) {
        this.serviceLog = serviceLog;
        this.serviceLevel = serviceLevel;
    }

    /**
     * A scope for one session's threads, writing hclog JSON lines to {@code stderr}.
     *
     * @param name the thread group's name, for thread dumps
     */
    public LogScope open(String name, PrintStream stderr, HclogLevel level) {
        HclogJsonHandler handler = new HclogJsonHandler(stderr);
        handler.setLevel(level.threshold());
        LogScope scope = new LogScope(name, handler, level, this);
        open.add(scope);
        adjustLevel();
        return scope;
    }

    void closed(LogScope scope) {
        open.remove(scope);
        adjustLevel();
    }

    /**
     * Loggers create records for the most verbose level that anyone reads: a session at debug must see
     * its debug lines, and when every such session has ended, nobody pays for them any more.
     */
    private synchronized void adjustLevel() {
        HclogLevel most = serviceLevel;
        for (LogScope scope : open) {
            if (scope.level().compareTo(most) < 0) {
                most = scope.level();
            }
        }
        ProviderLogging.applyLevel(most);
    }

    @Override
    public void publish(LogRecord record) {
        LogScope scope = LogScope.current();
        if (scope != null) {
            scope.publish(record);
        } else {
            serviceLog.publish(record);
        }
    }

    @Override
    public void flush() {
        serviceLog.flush();
    }

    @Override
    public void close() {
        serviceLog.close();
    }
}
