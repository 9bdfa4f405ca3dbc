package io.tfhyperstack.framework.validator;


import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.text.DurationString;
import io.tfhyperstack.framework.text.HttpUrls;
import io.tfhyperstack.framework.text.IpAddresses;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Validators for string attributes. */
public final class StringValidators {
    private StringValidators() {
    }

    public static Validator lengthBetween(int min, int max) {
        return of("must be between " + min + " and " + max + " characters long", (request, diagnostics) -> {
            String s = request.value().asString();
            int length = s.codePointCount(0, s.length());
            if (length < min || length > max) {
                diagnostics.addError(request.path(), "Invalid length",
                        "The value of " + request.path() + " must be between " + min + " and " + max
                                + " characters long; it has " + length + ".");
            }
        });
    }

    public static Validator oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        String list = values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
        return of("must be one of " + list, (request, diagnostics) -> {
            String s = request.value().asString();
            if (!values.contains(s)) {
                diagnostics.addError(request.path(), "Invalid value",
                        "The value of " + request.path() + " must be one of " + String.join(", ", values)
                                + "; got \"" + s + "\".");
            }
        });
    }

    /** A value that is itself a regular expression, checked so that a typo fails at validate time. */
    public static Validator regularExpression() {
        return of("must be a valid regular expression", (request, diagnostics) -> {
            try {
                Pattern.compile(request.value().asString());
            } catch (PatternSyntaxException e) {
                diagnostics.addError(request.path(), "Invalid regular expression",
                        "The value of " + request.path() + " is not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex() + ".");
            }
        });
    }

    public static Validator httpUrl() {
        return of("must be an `http` or `https` URL", (request, diagnostics) -> {
            String s = request.value().asString();
            String problem = HttpUrls.problem(s);
            if (problem != null) {
                diagnostics.addError(request.path(), "Invalid URL",
                        "The value of " + request.path() + " (\"" + s + "\") is not a valid http(s) URL: "
                                + problem + ".");
            }
        });
    }

    /** A duration string such as {@code 30s}, {@code 5m} or {@code 1h30m}, as Terraform users write them. */
    public static Validator duration() {
        return of("must be a duration such as `30s`, `10m` or `1h30m`", (request, diagnostics) -> {
            String s = request.value().asString();
            try {
                DurationString.parse(s);
            } catch (IllegalArgumentException e) {
                diagnostics.addError(request.path(), "Invalid duration",
                        "The value of " + request.path() + " is not a valid duration: " + e.getMessage());
            }
        });
    }

    public static Validator ipAddress() {
        return of("must be an IPv4 or IPv6 address", (request, diagnostics) -> {
            String s = request.value().asString();
            if (!IpAddresses.isLiteral(s)) {
                diagnostics.addError(request.path(), "Invalid IP address",
                        "The value of " + request.path() + " (\"" + s
                                + "\") is not an IPv4 or IPv6 address literal.");
            }
        });
    }

    public static Validator notBlank() {
        return matching(s -> !s.isBlank(), "must not be empty", "Empty value", "must not be empty");
    }

    private static Validator matching(Predicate<String> ok, String description, String summary, String detail) {
        return of(description, (request, diagnostics) -> {
            if (!ok.test(request.value().asString())) {
                diagnostics.addError(request.path(), summary, "The value of " + request.path() + " " + detail + ".");
            }
        });
    }

    static Validator of(String description, Check check) {
        return new Validator() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void validate(ValidatorRequest request, Diagnostics diagnostics) {
                check.run(request, diagnostics);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    @FunctionalInterface
    interface Check {
        void run(ValidatorRequest request, Diagnostics diagnostics);
    }

    static String joined(String... values) {
        return Arrays.stream(values).map(v -> "`" + v + "`").collect(Collectors.joining(", "));
    }
}
