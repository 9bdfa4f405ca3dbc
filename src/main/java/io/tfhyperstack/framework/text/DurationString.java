package io.tfhyperstack.framework.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses duration strings the way Terraform users write them in {@code timeouts} blocks and provider
 * settings: a sequence of decimal numbers with units, e.g. {@code 90s}, {@code 1.5h}, {@code 2h45m}.
 * The units are Go's (ns, us, µs, ms, s, m, h) because that is what the rest of the ecosystem accepts.
 */
public final class DurationString {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private DurationString() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an empty string is not a duration; write e.g. \"30s\" or \"10m\"");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        int position = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (position < text.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. \"30s\", \"10m\" or \"1h30m\" (units: ms, s, m, h)");
            }
            BigDecimal amount = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            position = m.end();
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** The shortest common form, e.g. {@code 20m}, {@code 1h30m}, {@code 45s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (millis > 0) {
            sb.append(millis).append("ms");
        }
        return sb.toString();
    }
}
