package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

/**
 * What an operation produced: a new state (or none) and diagnostics. Mutable on purpose, so that a
 * resource can record the state first and add an error afterwards.
 */
public final class StateResult {
    private Value state;
    private boolean removed;
    private final Diagnostics diagnostics = new Diagnostics();

    public StateResult() {
    }

    public StateResult(Value initial) {
        this.state = initial;
    }

    public Value state() {
        return state;
    }

    public void state(Value value) {
        this.state = value;
        this.removed = false;
    }

    /** The object no longer exists; Terraform drops it from state. */
    public void remove() {
        this.state = null;
        this.removed = true;
    }

    public boolean removed() {
        return removed;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
