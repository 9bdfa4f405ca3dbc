package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.Type;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePacker;

/** cty's msgpack conventions for writing (see {@link MsgpackCodec}). */
final class MsgpackWriter implements WireWriter {

    private final MessagePacker p;

    MsgpackWriter(MessagePacker packer) {
        this.p = packer;
    }

    @Override
    public void writeNull() throws IOException {
        p.packNil();
    }

    /** cty's plain unknown, fixext1 type 0; refinements are not written. */
    @Override
    public void writeUnknown(AttributePath path) throws IOException {
        p.packExtensionTypeHeader((byte) 0, 1);
        p.writePayload(new byte[] {0});
    }

    @Override
    public void writeString(String s) throws IOException {
        p.packString(s);
    }

    /** The smallest exact form: an integer within int64, else a float64 when exact, else a decimal string. */
    @Override
    public void writeNumber(BigDecimal n) throws IOException {
        Long l = Numbers.exactLong(n);
        if (l != null) {
            p.packLong(l);
            return;
        }
        Double d = Numbers.exactDouble(n);
        if (d != null) {
            p.packDouble(d);
            return;
        }
        p.packString(Numbers.decimalString(n));
    }

    @Override
    public void writeBool(boolean b) throws IOException {
        p.packBoolean(b);
    }

    @Override
    public void startArray(int size) throws IOException {
        p.packArrayHeader(size);
    }

    @Override
    public void endArray() {
    }

    @Override
    public void startMap(int size) throws IOException {
        p.packMapHeader(size);
    }

    @Override
    public void writeKey(String key) throws IOException {
        p.packString(key);
    }

    @Override
    public void endMap() {
    }

    /** [type JSON as bin, value] */
    @Override
    public void startDynamic(Type type) throws IOException {
        byte[] typeJson = type.toJson().getBytes(StandardCharsets.UTF_8);
        p.packArrayHeader(2);
        p.packBinaryHeader(typeJson.length);
        p.writePayload(typeJson);
    }

    @Override
    public void endDynamic(Type type) {
    }
}
