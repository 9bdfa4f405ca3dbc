package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.values.Value;

/** A check over several attributes of a configuration at once, such as "exactly one of". */
public interface ConfigValidator {
    String description();

    void validate(Value config, Diagnostics diagnostics);
}
