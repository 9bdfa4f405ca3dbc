package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.values.Value;

/** The state Terraform holds, to be refreshed. */
public record ReadRequest(Value state) {
}
