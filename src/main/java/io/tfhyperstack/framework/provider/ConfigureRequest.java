package io.tfhyperstack.framework.provider;

import io.tfhyperstack.framework.values.Value;

/**
 * @param config           the provider block, possibly with unknown values
 * @param terraformVersion the version of Terraform talking to us, for the User-Agent
 * @param stopSignal       trips when Terraform sends StopProvider (Ctrl-C)
 */
public record ConfigureRequest(Value config, String terraformVersion, StopSignal stopSignal) {
}
