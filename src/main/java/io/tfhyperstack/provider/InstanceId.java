package io.tfhyperstack.provider;

import io.tfhyperstack.framework.validator.Validator;
import io.tfhyperstack.framework.validator.ValidatorRequest;
import io.tfhyperstack.framework.diag.Diagnostics;

import java.util.regex.Pattern;

/**
 * An instance id as users write it: the API's integer id as a decimal string. Only the canonical
 * spelling is accepted (no sign, no leading zero, no spaces), so the id read back is the very string
 * configured: "01002" would be stored as "1002" and every later plan would differ from the configuration.
 * The one rule for ids, in data sources, resources and imports alike.
 */
public final class InstanceId {
    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,17}");

    private InstanceId() {
    }

    public static boolean isValid(String s) {
        return s != null && CANONICAL.matcher(s).matches();
    }

    /** The id, or null when {@code s} is not one. */
    public static Long tryParse(String s) {
        return isValid(s) ? Long.parseLong(s) : null;
    }

    public static long parse(String s) {
        if (!isValid(s)) {
            throw new IllegalArgumentException("not an instance id: \"" + s + "\"");
        }
        return Long.parseLong(s);
    }

    /** Fails validation of anything but a positive whole number in decimal, e.g. {@code "4242"}. */
    public static Validator validator() {
        return new Validator() {
            @Override
            public String description() {
                return "must be a positive whole number written in decimal, e.g. `\"4242\"`";
            }

            @Override
            public void validate(ValidatorRequest request, Diagnostics diagnostics) {
                String s = request.value().asString();
                if (!isValid(s)) {
                    diagnostics.addError(request.path(), "Invalid instance id",
                            "The value of " + request.path() + " (\"" + s + "\") is not an instance id: ids are "
                                    + "positive whole numbers written in decimal without leading zeros, e.g. \"4242\".");
                }
            }
        };
    }
}
