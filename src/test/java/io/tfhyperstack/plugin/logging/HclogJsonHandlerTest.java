package io.tfhyperstack.plugin.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class HclogJsonHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode publish(LogRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HclogJsonHandler handler = new HclogJsonHandler(new PrintStream(out, true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        handler.publish(record);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "one JSON line per record: " + text);
        return JSON.readTree(text);
    }

    @Test
    void writesTheFieldsTerraformParsesAsStrings() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "disk \"full\"\nsoon");
        record.setLoggerName("io.tfhyperstack.test");
        JsonNode line = publish(record);
        assertEquals("warn", line.get("@level").asText());
        assertTrue(line.get("@level").isTextual());
        assertEquals("disk \"full\"\nsoon", line.get("@message").asText());
        assertEquals("provider.terraform-provider-hyperstack", line.get("@module").asText());
        assertEquals("io.tfhyperstack.test", line.get("logger").asText());
        assertTrue(line.get("@timestamp").asText()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}(Z|[+-]\\d\\d:\\d\\d)"),
                line.get("@timestamp").asText());
    }

    @Test
    void mapsJavaLevelsToHclogNames() throws Exception {
        assertEquals("trace", publish(new LogRecord(Level.FINEST, "m")).get("@level").asText());
        assertEquals("trace", publish(new LogRecord(Level.FINER, "m")).get("@level").asText());
        assertEquals("debug", publish(new LogRecord(Level.FINE, "m")).get("@level").asText());
        assertEquals("info", publish(new LogRecord(Level.INFO, "m")).get("@level").asText());
        assertEquals("error", publish(new LogRecord(Level.SEVERE, "m")).get("@level").asText());
    }

    @Test
    void logFieldsBecomeKeysAndOtherParametersAreFormattedIn() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "created {0}");
        record.setParameters(new Object[] {"vm-1", LogField.of("instance_id", 42), LogField.of("ready", true)});
        JsonNode line = publish(record);
        assertEquals("created vm-1", line.get("@message").asText());
        assertEquals(42, line.get("instance_id").asInt());
        assertTrue(line.get("ready").asBoolean());
    }

    @Test
    void exceptionsTravelAsStrings() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("boom"));
        JsonNode line = publish(record);
        assertEquals("java.lang.IllegalStateException: boom", line.get("error").asText());
        assertTrue(line.get("stacktrace").asText().contains("HclogJsonHandlerTest"));
    }

    @Test
    void levelComesFromTfLogProviderBeforeTfLog() {
        assertEquals(HclogLevel.DEBUG, HclogLevel.fromSettings("debug", "ERROR"));
        assertEquals(HclogLevel.ERROR, HclogLevel.fromSettings(null, "ERROR"));
        assertEquals(HclogLevel.TRACE, HclogLevel.fromSettings(null, "JSON"));
        assertEquals(HclogLevel.OFF, HclogLevel.fromSettings("off", null));
        assertEquals(HclogLevel.TRACE, HclogLevel.fromSettings("chatty", null));
        assertEquals(HclogLevel.DEFAULT, HclogLevel.fromSettings(null, ""));
    }
}
