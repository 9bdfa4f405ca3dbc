package io.tfhyperstack.provider.resource;

import io.tfhyperstack.framework.text.DurationString;
import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.CancelledException;
import io.tfhyperstack.hyperstack.Sleeper;
import io.tfhyperstack.hyperstack.model.Instance;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code wait_for_port}: waits until a running instance accepts TCP connections on a port of its public
 * address (the floating IP, else the fixed IP), so that the next step of a pipeline can connect at once.
 * Probes with growing pauses; each attempt has its own short limit, and the whole wait ends with the
 * operation's timeout, counted from the operation's start. StopProvider ends it at once: the pause and
 * the attempt in progress both listen to the cancellation.
 */
final class PortWait {
    private static final System.Logger LOG = System.getLogger(PortWait.class.getName());
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(3);

    private final PortProbe probe;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;

    PortWait(PortProbe probe, Sleeper sleeper, LongSupplier nanoClock) {
        this.probe = probe;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
    }

    /** Real connections, real pauses, {@link System#nanoTime}. */
    static PortWait system() {
        return new PortWait(PortProbe.tcp(), Sleeper.system(), System::nanoTime);
    }

    /** The address {@code wait_for_port} probes: the public one, else the private one; null when none. */
    static String addressOf(Instance instance) {
        return instance.floatingIp() != null ? instance.floatingIp() : instance.fixedIp();
    }

    /** Now, on this wait's clock: an operation's start, from which its timeout counts. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** What is left of {@code timeout} since {@code startedNanos}; never negative. */
    Duration left(Duration timeout, long startedNanos) {
        Duration rest = timeout.minusNanos(now() - startedNanos);
        return rest.isNegative() ? Duration.ZERO : rest;
    }

    /**
     * Returns once {@code port} of the instance takes a connection.
     *
     * @param operation    the operation whose timeout bounds the wait, e.g. {@code create}, for messages
     * @param startedNanos when the operation started, on this wait's clock
     * @param timeout      the operation's whole time limit
     * @throws PortWaitException when the time is up first, or Terraform asks the provider to stop
     */
    void await(long instanceId, String address, int port, String operation, long startedNanos, Duration timeout,
            Cancellation cancellation) {
        try {
            probeUntilOpen(instanceId, address, port, operation, startedNanos, timeout, cancellation);
        } catch (CancelledException e) {
            // Said as what it is for the user: the port wait, not the HTTP call or pause it was in.
            throw new PortWaitException(new CancelledException("the wait for port " + port + " of instance "
                    + instanceId).getMessage());
        }
    }

    private void probeUntilOpen(long instanceId, String address, int port, String operation, long startedNanos,
            Duration timeout, Cancellation cancellation) {
        if (address == null) {
            throw new PortWaitException("Instance " + instanceId + " has no IP address, so its port " + port
                    + " (wait_for_port) cannot be reached.");
        }
        long waitStarted = nanoClock.getAsLong();
        long deadline = startedNanos + timeout.toNanos();
        String target = address + ":" + port;
        String what = "the wait for port " + port + " of instance " + instanceId;
        Duration pause = FIRST_PAUSE;
        int attempts = 0;
        String last = "none made: the " + operation + " timeout had already run out";
        while (true) {
            cancellation.throwIfCancelled(what);
            long left = deadline - nanoClock.getAsLong();
            if (left > 0) {
                PortProbe.Outcome outcome = probe.attempt(address, port, shorter(ATTEMPT_LIMIT, Duration.ofNanos(left)),
                        cancellation);
                attempts++;
                if (outcome.open()) {
                    LOG.log(System.Logger.Level.DEBUG, "wait_for_port: instance " + instanceId + ", " + target
                            + ": open (attempt " + attempts + ")");
                    return;
                }
                cancellation.throwIfCancelled(what);
                last = outcome.description();
                left = deadline - nanoClock.getAsLong();
                LOG.log(System.Logger.Level.DEBUG, "wait_for_port: instance " + instanceId + ", " + target + ": "
                        + last + " (attempt " + attempts + ")" + (left > 0 ? "; next attempt in "
                        + shorter(pause, Duration.ofNanos(left)).toMillis() + " ms" : "; time is up"));
            }
            if (left <= 0) {
                Duration waited = Duration.ofNanos(nanoClock.getAsLong() - waitStarted);
                throw new PortWaitException("Instance " + instanceId + " is running, but nothing accepted a TCP "
                        + "connection on " + target + " (wait_for_port = " + port + ") in " + human(waited)
                        + " of waiting, when the " + operation + " timeout of " + DurationString.format(timeout)
                        + " ran out; " + attempts + " attempt(s), the last: " + last + ". Check that the service "
                        + "listens on that port and that the instance's security rules let it in, or raise "
                        + "timeouts." + operation + ".");
            }
            sleeper.sleep(shorter(pause, Duration.ofNanos(left)), cancellation);
            pause = shorter(pause.multipliedBy(2), LONGEST_PAUSE);
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** e.g. {@code 950 ms}, {@code 12.3 s}: how long the wait really took, for the error. */
    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
