package io.tfhyperstack.plugin.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import io.tfhyperstack.util.JsonStrings;

/**
 * Writes java.util.logging records as hclog JSON lines on stderr. go-plugin clients parse such lines
 * and re-log them under the provider's name at the right level; anything else on stderr is shown as a
 * plain, level-less line. Every field hclog itself reads is a string, because a client that finds
 * another JSON type under {@code @level} or {@code @message} fails on it.
 */
public final class HclogJsonHandler extends Handler {
    public static final String MODULE = "provider.terraform-provider-hyperstack";
    private final PrintStream out;

    /**
     * Go's 2006-01-02T15:04:05.000000Z07:00: microseconds, and "Z" for UTC. In a holder so that the
     * java.time machinery and the time zone database load with the first log line, not while the
     * handler is installed at start-up (tens of milliseconds before the handshake, usually for a
     * process that never logs).
     */
    private static final class Timestamps {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
        static final ZoneId ZONE = ZoneId.systemDefault();
    }

    public HclogJsonHandler(PrintStream out) {
        this.out = out;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String line = format(record);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** One record as an hclog JSON object, on one line. */
    public static String format(LogRecord record) {
        List<LogField> fields = new ArrayList<>();
        String message = message(record, fields);
        StringBuilder json = new StringBuilder(160 + message.length());
        json.append('{');
        appendPair(json, "@level", HclogLevel.of(record.getLevel()).label());
        json.append(',');
        appendPair(json, "@message", message);
        json.append(',');
        appendPair(json, "@module", MODULE);
        json.append(',');
        appendPair(json, "@timestamp", Timestamps.FORMAT.format(record.getInstant().atZone(Timestamps.ZONE)));
        if (record.getLoggerName() != null) {
            json.append(',');
            appendPair(json, "logger", record.getLoggerName());
        }
        for (LogField field : fields) {
            json.append(',');
            JsonStrings.quote(json, field.key());
            json.append(':');
            appendValue(json, field.value());
        }
        if (record.getThrown() != null) {
            json.append(',');
            appendPair(json, "error", String.valueOf(record.getThrown()));
            json.append(',');
            appendPair(json, "stacktrace", stackTrace(record.getThrown()));
        }
        return json.append('}').toString();
    }

    /** The message with ordinary parameters formatted in and {@link LogField} parameters set aside. */
    private static String message(LogRecord record, List<LogField> fields) {
        String pattern = record.getMessage() == null ? "" : record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            return pattern;
        }
        List<Object> formatArguments = new ArrayList<>(parameters.length);
        for (Object parameter : parameters) {
            if (parameter instanceof LogField field) {
                fields.add(field);
            } else {
                formatArguments.add(parameter);
            }
        }
        if (formatArguments.isEmpty() || !pattern.contains("{")) {
            return pattern;
        }
        try {
            return MessageFormat.format(pattern, formatArguments.toArray());
        } catch (IllegalArgumentException e) {
            return pattern;
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void appendPair(StringBuilder json, String key, String value) {
        JsonStrings.quote(json, key);
        json.append(':');
        JsonStrings.quote(json, value);
    }

    private static void appendValue(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.append(value);
        } else if ((value instanceof Double d && Double.isFinite(d)) || (value instanceof Float f && Float.isFinite(f))) {
            json.append(value);
        } else {
            JsonStrings.quote(json, String.valueOf(value));
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
