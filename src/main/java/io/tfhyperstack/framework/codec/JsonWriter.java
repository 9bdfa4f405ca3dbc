package io.tfhyperstack.framework.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.Type;
import java.io.IOException;
import java.math.BigDecimal;

/** cty's JSON conventions for writing (see {@link JsonCodec}). */
final class JsonWriter implements WireWriter {

    private final JsonGenerator g;

    JsonWriter(JsonGenerator generator) {
        this.g = generator;
    }

    @Override
    public void writeNull() throws IOException {
        g.writeNull();
    }

    @Override
    public void writeUnknown(AttributePath path) {
        throw new CodecException(path, "unknown values cannot be encoded as JSON");
    }

    @Override
    public void writeString(String s) throws IOException {
        g.writeString(s);
    }

    @Override
    public void writeNumber(BigDecimal n) throws IOException {
        g.writeNumber(Numbers.decimalString(n));
    }

    @Override
    public void writeBool(boolean b) throws IOException {
        g.writeBoolean(b);
    }

    @Override
    public void startArray(int size) throws IOException {
        g.writeStartArray();
    }

    @Override
    public void endArray() throws IOException {
        g.writeEndArray();
    }

    @Override
    public void startMap(int size) throws IOException {
        g.writeStartObject();
    }

    @Override
    public void writeKey(String key) throws IOException {
        g.writeFieldName(key);
    }

    @Override
    public void endMap() throws IOException {
        g.writeEndObject();
    }

    /** {"value": ..., "type": type JSON} */
    @Override
    public void startDynamic(Type type) throws IOException {
        g.writeStartObject();
        g.writeFieldName("value");
    }

    @Override
    public void endDynamic(Type type) throws IOException {
        g.writeFieldName("type");
        g.writeRawValue(type.toJson());
        g.writeEndObject();
    }
}
