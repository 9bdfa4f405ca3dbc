package io.tfhyperstack.provider.resource;

import io.tfhyperstack.hyperstack.BadRequestException;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.InstanceFailedException;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.provider.PowerState;

import java.time.Duration;
import java.util.List;

/**
 * Drives an instance to a wanted power state, one API action at a time, shared by every resource
 * that sets {@code power_state}. The API only allows start from SHUTOFF, stop from ACTIVE, hibernate
 * from ACTIVE and restore from HIBERNATED, so the moves between stopped and hibernated pass through
 * running. An instance caught in a transitional status is waited out first; one in ERROR is refused,
 * since no action of this table gets it out reliably.
 */
public final class PowerStateMachine {
    /**
     * How often an action refused because the instance moved under us (a 400 naming another status)
     * is retried after re-reading it; someone else acting on the same instance is the only cause.
     */
    private static final int MAX_REFUSALS = 3;

    private final HyperstackClient client;

    public PowerStateMachine(HyperstackClient client) {
        this.client = client;
    }

    /** The actions that take an instance from one steady power state to another; empty when equal. */
    static List<PowerAction> path(PowerState from, PowerState to) {
        if (from == to) {
            return List.of();
        }
        return switch (from) {
            case RUNNING -> switch (to) {
                case STOPPED -> List.of(PowerAction.STOP);
                case HIBERNATED -> List.of(PowerAction.HIBERNATE);
                default -> unreachable(from, to);
            };
            case STOPPED -> switch (to) {
                case RUNNING -> List.of(PowerAction.START);
                case HIBERNATED -> List.of(PowerAction.START, PowerAction.HIBERNATE);
                default -> unreachable(from, to);
            };
            case HIBERNATED -> switch (to) {
                case RUNNING -> List.of(PowerAction.RESTORE);
                case STOPPED -> List.of(PowerAction.RESTORE, PowerAction.STOP);
                default -> unreachable(from, to);
            };
            default -> unreachable(from, to);
        };
    }

    private static List<PowerAction> unreachable(PowerState from, PowerState to) {
        throw new IllegalArgumentException("no power transition from " + from.value() + " to " + to.value());
    }

    /**
     * Brings instance {@code id} to {@code wanted} (running, stopped or hibernated) within
     * {@code timeout}, and returns the instance as last seen. Already there: no action is sent.
     *
     * @throws PowerChangeException when the instance is in ERROR (or lands there)
     * @throws io.tfhyperstack.hyperstack.HyperstackException for API errors, timeouts and cancellation
     */
    public Instance drive(long id, PowerState wanted, boolean retainFloatingIp, Duration timeout) {
        return drive(client.getInstance(id), wanted, retainFloatingIp, timeout);
    }

    /** As {@link #drive(long, PowerState, boolean, Duration)}, starting from an instance just read. */
    public Instance drive(Instance seen, PowerState wanted, boolean retainFloatingIp, Duration timeout) {
        if (wanted != PowerState.RUNNING && wanted != PowerState.STOPPED && wanted != PowerState.HIBERNATED) {
            throw new IllegalArgumentException("cannot drive an instance to " + wanted.value());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long id = seen.id();
        Instance instance = seen;
        int refusals = 0;
        while (true) {
            InstanceStatus status = instance.statusView();
            if (status == InstanceStatus.ERROR) {
                throw new PowerChangeException(instance, wanted);
            }
            if (status.isTransitional()) {
                instance = awaitSteady(id, remaining(deadline));
                continue;
            }
            PowerState current = PowerState.of(instance.status());
            if (current == wanted) {
                return instance;
            }
            PowerAction next = path(current, wanted).get(0);
            try {
                send(id, next, retainFloatingIp);
            } catch (BadRequestException refused) {
                // The instance moved between our read and the action: read it again and replan.
                Instance now = client.getInstance(id);
                if (++refusals > MAX_REFUSALS || now.statusView() == status) {
                    throw refused;
                }
                instance = now;
                continue;
            }
            instance = awaitArrival(id, next, remaining(deadline));
        }
    }

    private void send(long id, PowerAction action, boolean retainFloatingIp) {
        switch (action) {
            case START -> client.startInstance(id);
            case STOP -> client.stopInstance(id);
            case HIBERNATE -> client.hibernateInstance(id, retainFloatingIp);
            case RESTORE -> client.restoreInstance(id);
        }
    }

    private Instance awaitArrival(long id, PowerAction action, Duration timeout) {
        try {
            return client.statusWaiter().awaitStatus(id, action.arrival(), timeout, client.cancellation());
        } catch (InstanceFailedException e) {
            throw new PowerChangeException(client.getInstance(id), action);
        }
    }

    private Instance awaitSteady(long id, Duration timeout) {
        // ERROR is steady too: accept it here, so that drive() reports it with its own message.
        return client.statusWaiter().awaitStatus(id, i -> i.statusView().isSteady(), timeout, client.cancellation());
    }

    /** What is left of the overall timeout; never zero, so that the waiter reports the timeout itself. */
    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000L));
    }
}
