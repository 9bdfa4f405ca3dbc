package io.tfhyperstack.service;

import io.grpc.BindableService;
import io.tfhyperstack.plugin.PluginEnvironment;
import io.tfhyperstack.plugin.PluginMain;
import io.tfhyperstack.plugin.logging.LogScope;
import io.tfhyperstack.plugin.logging.SessionLogRouter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One walk served by the service: a whole plugin life ({@link PluginMain#run}) with the walk's
 * environment, its launcher's connection in place of the process's stdout and stderr, and its threads
 * in a {@link LogScope} of their own. Everything the session builds (its gRPC server and socket, its
 * certificate, its provider, HTTP client and stop signal) is reachable only from the session's plugin
 * life, and is dropped with it.
 */
final class Session {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    private final long id;
    private final FrameConnection connection;
    private final SessionRequest request;
    private final Function<Map<String, String>, List<BindableService>> providerServices;
    private final SessionLogRouter logs;

    Session(long id, FrameConnection connection, SessionRequest request,
            Function<Map<String, String>, List<BindableService>> providerServices, SessionLogRouter logs) {
        this.id = id;
        this.connection = connection;
        this.request = request;
        this.providerServices = providerServices;
        this.logs = logs;
    }

    /**
     * Runs the session to its end, on the calling thread, which supervises: the plugin life runs on a
     * thread of the session's scope, and this thread watches the launcher's connection. The launcher
     * going away (Terraform killed it) ends the session as a process's death would have.
     */
    void run() throws InterruptedException {
        long start = System.nanoTime();
        PrintStream stdout = new PrintStream(new FrameOutputStream(connection, Frame.STDOUT), false, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new FrameOutputStream(connection, Frame.STDERR), false, StandardCharsets.UTF_8);
        PluginEnvironment environment = PluginEnvironment.forSession(request.environment(), stdout, stderr);
        LogScope scope = logs.open("session-" + id, stderr, PluginMain.logLevel(environment));
        int[] exitCode = {1};
        AtomicBoolean exited = new AtomicBoolean();
        Thread plugin = new Thread(scope, () -> {
            try {
                exitCode[0] = PluginMain.run(request.args().toArray(String[]::new),
                        () -> providerServices.apply(environment.variables()), environment);
            } finally {
                stdout.flush();
                stderr.flush();
                exited.set(true);
                connection.send(Frame.exit(exitCode[0]));
                connection.close();
            }
        }, "session-" + id);
        plugin.setDaemon(true);
        plugin.start();
        boolean launcherGone = awaitEndOfConnection();
        if (launcherGone && !exited.get()) {
            LOG.info(() -> "session " + id + ": the launcher (pid " + request.launcherPid()
                    + ") went away; ending the session");
            plugin.interrupt();
        }
        plugin.join();
        scope.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "session " + id + " (launcher pid " + request.launcherPid() + ") ended with exit code "
                + exitCode[0] + " after " + millis + " ms");
    }

    /**
     * Reads until the connection ends. True when the launcher ended it; false when the session closed it
     * after sending its exit code.
     */
    private boolean awaitEndOfConnection() {
        try {
            while (connection.read() != null) {
                // The launcher sends nothing after its request; anything more is ignored.
            }
            return true;
        } catch (IOException e) {
            // Closed by the session itself (the read is interrupted by the close), or a broken connection.
            return connection.channel().isOpen();
        }
    }
}
