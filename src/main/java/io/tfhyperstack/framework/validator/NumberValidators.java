package io.tfhyperstack.framework.validator;

import java.math.BigDecimal;

/** Validators for number attributes. */
public final class NumberValidators {
    private NumberValidators() {
    }

    public static Validator between(long min, long max) {
        return StringValidators.of("must be between " + min + " and " + max, (request, diagnostics) -> {
            BigDecimal n = request.value().asNumber();
            if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0
                    || n.stripTrailingZeros().scale() > 0) {
                diagnostics.addError(request.path(), "Invalid value",
                        "The value of " + request.path() + " must be a whole number between " + min + " and "
                                + max + "; got " + n.toPlainString() + ".");
            }
        });
    }
}
