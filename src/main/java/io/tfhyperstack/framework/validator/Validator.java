package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.Diagnostics;

/**
 * A check of one attribute's configured value, run at validate time. The engine calls it only for
 * known, non-null values, so a validator never has to guess about values that depend on other
 * resources; it runs again with the real value once it is known.
 */
public interface Validator {
    /** Markdown shown in the generated docs, e.g. "must be one of `running`, `stopped`". */
    String description();

    void validate(ValidatorRequest request, Diagnostics diagnostics);
}
