package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.values.Value;

/** What a validator sees: where the value sits, the value, and the whole configuration. */
public record ValidatorRequest(AttributePath path, Value value, Value config) {
}
