package io.tfhyperstack.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people type them on a command line: {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 0}, or ISO {@code PT1S}. */
final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (try 250ms, 1s, 1.5s, 2m)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? (value == 0 ? "ms" : null) : m.group(2);
        if (unit == null) {
            throw new IllegalArgumentException("duration needs a unit: " + text + " (ms, s, m or h)");
        }
        double millis;
        switch (unit) {
            case "ms": millis = value; break;
            case "s": millis = value * 1_000; break;
            case "m": millis = value * 60_000; break;
            default: millis = value * 3_600_000; break;
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    static String format(Duration d) {
        return d.toMillis() + "ms";
    }
}
