package io.tfhyperstack.hyperstack;

/** The {@link Cancellation} fired (Terraform asked the provider to stop) while this work was under way. */
public final class CancelledException extends HyperstackException {
    public CancelledException(String what) {
        super("Cancelled: " + what + " was stopped because Terraform asked the provider to stop."
                + " The remote operation may still complete; run terraform refresh (or plan) to see the result.");
    }
}
