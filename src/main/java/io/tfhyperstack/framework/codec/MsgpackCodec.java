package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.DynamicType;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.PrimitiveType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Terraform's msgpack encoding of values (the {@code msgpack} field of a DynamicValue), following cty's
 * {@code cty/msgpack} package:
 *
 * <ul>
 *   <li>null is msgpack nil; unknown is the extension {@code d4 00 00} (fixext1, type 0). When reading,
 *       every extension is an unknown; type 12 carries refinements, of which only "not null" is kept.</li>
 *   <li>objects are maps with exactly one key per attribute, in name order; maps are maps; lists, sets
 *       and tuples are arrays.</li>
 *   <li>numbers are written as an integer when whole and within int64, else as a float64 when that is
 *       exact, else as a decimal string; read from any integer, float or string form.</li>
 *   <li>a value in a slot declared {@code dynamic} is a two-element array {@code [type JSON as bytes,
 *       value]}, unless the value itself is a dynamic null (nil) or unknown (the extension).</li>
 * </ul>
 */
public final class MsgpackCodec {

    /** Extension type cty uses for unknowns that carry refinements. */
    static final byte REFINED_UNKNOWN_EXT = 12;
    private static final int REFINEMENT_NULLNESS = 1;
    private static final MessagePack.UnpackerConfig UNPACKER_CONFIG = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);

    private MsgpackCodec() {
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes {@code v} as a value of {@code schemaType}; CodecException when it does not conform. */
    public static byte[] encode(Value v, Type schemaType) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, v, schemaType, AttributePath.ROOT);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "msgpack encoding failed: " + e.getMessage(), e);
        }
    }

    private static void write(MessageBufferPacker p, Value v, Type slot, AttributePath path) throws IOException {
        if (v == null) {
            throw new CodecException(path, "missing value (Java null)");
        }
        Type actual = v.type();
        if (slot instanceof DynamicType && !(actual instanceof DynamicType)) {
            // The reader cannot know the type of a dynamic slot, so it travels with the value.
            byte[] typeJson = actual.toJson().getBytes(StandardCharsets.UTF_8);
            p.packArrayHeader(2);
            p.packBinaryHeader(typeJson.length);
            p.writePayload(typeJson);
            write(p, v, actual, path);
            return;
        }
        if (v.isUnknown()) {
            checkConforms(v, slot, path);
            p.packExtensionTypeHeader((byte) 0, 1);
            p.writePayload(new byte[] {0});
            return;
        }
        if (v.isNull()) {
            checkConforms(v, slot, path);
            p.packNil();
            return;
        }
        checkConforms(v, slot, path);
        if (slot == Type.STRING) {
            p.packString(v.asString());
        } else if (slot == Type.BOOL) {
            p.packBoolean(v.asBool());
        } else if (slot == Type.NUMBER) {
            writeNumber(p, v.asNumber());
        } else if (slot instanceof ListType lt) {
            writeArray(p, v.elements(), i -> lt.element(), path);
        } else if (slot instanceof SetType st) {
            writeArray(p, v.elements(), i -> st.element(), path);
        } else if (slot instanceof TupleType tt) {
            writeArray(p, v.elements(), tt::elementType, path);
        } else if (slot instanceof MapType mt) {
            Map<String, Value> entries = v.entries();
            p.packMapHeader(entries.size());
            for (Map.Entry<String, Value> e : entries.entrySet()) {
                p.packString(e.getKey());
                write(p, e.getValue(), mt.element(), path.key(e.getKey()));
            }
        } else if (slot instanceof ObjectType ot) {
            Map<String, Value> attrs = v.entries();
            p.packMapHeader(ot.attributes().size());
            for (Map.Entry<String, Type> a : ot.attributes().entrySet()) {
                p.packString(a.getKey());
                write(p, attrs.get(a.getKey()), a.getValue(), path.attribute(a.getKey()));
            }
        } else {
            throw new CodecException(path, "cannot encode a known value in a slot of type " + slot);
        }
    }

    private interface ElementTypes {
        Type at(int index);
    }

    private static void writeArray(MessageBufferPacker p, List<Value> elements, ElementTypes types, AttributePath path)
            throws IOException {
        p.packArrayHeader(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            write(p, elements.get(i), types.at(i), path.index(i));
        }
    }

    private static void writeNumber(MessageBufferPacker p, BigDecimal n) throws IOException {
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

    private static void checkConforms(Value v, Type slot, AttributePath path) {
        Type actual = v.type();
        // a dynamic null or unknown stands in for a value of any type
        boolean placeholder = actual instanceof DynamicType;
        if (!placeholder && !slot.accepts(actual)) {
            throw new CodecException(path, "value of type " + actual.friendlyName() + " (" + actual
                    + ") does not conform to " + slot.friendlyName() + " (" + slot + ")");
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes msgpack bytes as a value of {@code type}; CodecException on malformed or mismatched input. */
    public static Value decode(byte[] bytes, Type type) {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException(AttributePath.ROOT, "empty msgpack input");
        }
        try (MsgpackInput u = new MsgpackInput(UNPACKER_CONFIG.newUnpacker(bytes), bytes.length)) {
            Value v = read(u, type, AttributePath.ROOT, 0);
            if (u.hasNext()) {
                throw new CodecException(AttributePath.ROOT, "unexpected bytes after the value (offset "
                        + u.offset() + " of " + bytes.length + ")");
            }
            return v;
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "malformed msgpack: " + e.getMessage(), e);
        }
    }

    private static Value read(MsgpackInput u, Type type, AttributePath path, int depth) throws IOException {
        NestingLimit.check(depth, path);
        ValueType vt = u.next(path);
        // msgpack-core reports truncated or oversized input with its own unchecked exceptions, from any
        // header or payload read: every branch, unknowns and dynamic values included, stays inside.
        try {
            if (vt == ValueType.EXTENSION) {
                return readUnknown(u, type, path);
            }
            if (type instanceof DynamicType) {
                return readDynamic(u, vt, path, depth);
            }
            if (vt == ValueType.NIL) {
                u.unpacker().unpackNil();
                return Value.nullOf(type);
            }
            if (type instanceof PrimitiveType) {
                return readPrimitive(u, (PrimitiveType) type, vt, path);
            } else if (type instanceof ListType lt) {
                return Value.list(lt.element(), readArray(u, vt, -1, i -> lt.element(), "list", path, depth));
            } else if (type instanceof SetType st) {
                return Value.set(st.element(), readArray(u, vt, -1, i -> st.element(), "set", path, depth));
            } else if (type instanceof TupleType tt) {
                return Value.tuple(tt, readArray(u, vt, tt.size(), tt::elementType, "tuple", path, depth));
            } else if (type instanceof MapType mt) {
                return Value.map(mt.element(), readMapEntries(u, vt, mt, path, depth));
            } else if (type instanceof ObjectType ot) {
                return readObject(u, vt, ot, path, depth);
            }
        } catch (MessagePackException e) {
            throw new CodecException(path, "malformed msgpack: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, e.getMessage(), e);
        }
        throw new CodecException(path, "unsupported type " + type);
    }

    private static Value readUnknown(MsgpackInput u, Type type, AttributePath path) throws IOException {
        MsgpackInput.Extension ext = u.extension(path);
        byte[] payload = ext.payload();
        boolean notNull = false;
        if (ext.type() == REFINED_UNKNOWN_EXT && payload.length > 1 && !(type instanceof DynamicType)) {
            notNull = readNotNullRefinement(payload, path);
        }
        // Any other extension is also taken as an unknown: cty defines no other extension, and rejecting
        // one would only turn a future refinement format into a hard failure.
        return Value.unknown(type, notNull);
    }

    /**
     * Reads a refinement map and answers whether it says "not null". In cty's format key 1 holds
     * "is null": {@code false} means the value is known not to be null. Other keys (string prefix,
     * number and length bounds) are skipped.
     */
    private static boolean readNotNullRefinement(byte[] payload, AttributePath path) throws IOException {
        try (MessageUnpacker r = MessagePack.newDefaultUnpacker(payload)) {
            if (r.getNextFormat().getValueType() != ValueType.MAP) {
                throw new CodecException(path, "refined unknown value: the extension payload is not a map");
            }
            int n = r.unpackMapHeader();
            boolean notNull = false;
            for (int i = 0; i < n; i++) {
                if (r.getNextFormat().getValueType() != ValueType.INTEGER) {
                    throw new CodecException(path, "refined unknown value: non-integer refinement key");
                }
                long key = r.unpackLong();
                if (key == REFINEMENT_NULLNESS) {
                    if (r.getNextFormat().getValueType() != ValueType.BOOLEAN) {
                        throw new CodecException(path, "refined unknown value: the null refinement is not a bool");
                    }
                    notNull = !r.unpackBoolean();
                } else {
                    r.skipValue();
                }
            }
            return notNull;
        } catch (MessagePackException e) {
            throw new CodecException(path, "refined unknown value: malformed refinement payload: " + e.getMessage(), e);
        }
    }

    private static Value readDynamic(MsgpackInput u, ValueType vt, AttributePath path, int depth) throws IOException {
        if (vt == ValueType.NIL) {
            u.unpacker().unpackNil();
            return Value.nullOf(Type.DYNAMIC);
        }
        if (vt != ValueType.ARRAY) {
            throw new CodecException(path, "a dynamic value must be a [type, value] array, got msgpack " + vt);
        }
        int n = u.arrayHeader(path);
        if (n != 2) {
            throw new CodecException(path, "a dynamic value must be a [type, value] array of 2 elements, got " + n);
        }
        ValueType typeVt = u.next(path);
        byte[] typeJson;
        if (typeVt == ValueType.BINARY) {
            typeJson = u.binaryPayload(path);
        } else if (typeVt == ValueType.STRING) {
            typeJson = u.stringPayload(path);
        } else {
            throw new CodecException(path, "the type of a dynamic value must be JSON bytes, got msgpack " + typeVt);
        }
        Type concrete;
        try {
            concrete = Type.fromJson(typeJson);
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, "bad type of a dynamic value: " + e.getMessage(), e);
        }
        return read(u, concrete, path, depth + 1);
    }

    private static Value readPrimitive(MsgpackInput u, PrimitiveType type, ValueType vt, AttributePath path)
            throws IOException {
        switch (type) {
            case STRING -> {
                if (vt == ValueType.STRING) {
                    return Value.string(unpackString(u, path));
                }
                throw mismatch(path, "a string", vt);
            }
            case BOOL -> {
                if (vt == ValueType.BOOLEAN) {
                    return Value.bool(u.unpacker().unpackBoolean());
                }
                throw mismatch(path, "a bool", vt);
            }
            default -> {
                return Value.number(readNumber(u, vt, path));
            }
        }
    }

    private static String unpackString(MsgpackInput u, AttributePath path) throws IOException {
        byte[] raw = u.stringPayload(path);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(path, "string is not valid UTF-8", e);
        }
    }

    private static BigDecimal readNumber(MsgpackInput u, ValueType vt, AttributePath path) throws IOException {
        switch (vt) {
            case INTEGER:
                return new BigDecimal(u.unpacker().unpackBigInteger());
            case FLOAT: {
                double d = u.unpacker().unpackDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CodecException(path, "number " + d + " is not supported (only finite numbers)");
                }
                // new BigDecimal(double) is the exact binary value, as cty's big.Float holds it.
                return new BigDecimal(d);
            }
            case STRING: {
                String s = unpackString(u, path);
                try {
                    return Numbers.checked(new BigDecimal(s.trim()), path);
                } catch (NumberFormatException e) {
                    throw new CodecException(path, "number is required; cannot parse \"" + s + "\"", e);
                }
            }
            default:
                throw mismatch(path, "a number", vt);
        }
    }

    private static List<Value> readArray(MsgpackInput u, ValueType vt, int expected, ElementTypes types,
                                         String what, AttributePath path, int depth) throws IOException {
        if (vt != ValueType.ARRAY) {
            throw mismatch(path, "a " + what, vt);
        }
        int n = u.arrayHeader(path);
        if (expected >= 0 && n != expected) {
            throw new CodecException(path, "a tuple of length " + expected + " is required, got " + n + " elements");
        }
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read(u, types.at(i), path.index(i), depth + 1));
        }
        return out;
    }

    private static Map<String, Value> readMapEntries(MsgpackInput u, ValueType vt, MapType mt, AttributePath path,
                                                     int depth)
            throws IOException {
        if (vt != ValueType.MAP) {
            throw mismatch(path, "a map", vt);
        }
        int n = u.mapHeader(path);
        Map<String, Value> out = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String key = readKey(u, path, "map keys");
            if (out.containsKey(key)) {
                throw new CodecException(path, "duplicate map key \"" + key + "\"");
            }
            out.put(key, read(u, mt.element(), path.key(key), depth + 1));
        }
        return out;
    }

    private static Value readObject(MsgpackInput u, ValueType vt, ObjectType ot, AttributePath path, int depth)
            throws IOException {
        if (vt != ValueType.MAP) {
            throw mismatch(path, "an object", vt);
        }
        int n = u.mapHeader(path);
        Map<String, Value> attrs = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String name = readKey(u, path, "attribute names");
            Type at = ot.attributeType(name);
            if (at == null) {
                throw new CodecException(path.attribute(name), "unsupported attribute \"" + name
                        + "\"; the object has " + describeNames(ot));
            }
            if (attrs.containsKey(name)) {
                throw new CodecException(path.attribute(name), "duplicate attribute \"" + name + "\"");
            }
            attrs.put(name, read(u, at, path.attribute(name), depth + 1));
        }
        if (attrs.size() != ot.attributes().size()) {
            TreeSet<String> missing = new TreeSet<>(ot.attributeNames());
            missing.removeAll(attrs.keySet());
            throw new CodecException(path, "missing object attributes " + missing
                    + " (an object must carry every attribute, null when absent)");
        }
        return Value.object(ot, attrs);
    }

    private static String describeNames(ObjectType ot) {
        return ot.attributes().isEmpty() ? "no attributes" : "attributes " + ot.attributeNames();
    }

    private static String readKey(MsgpackInput u, AttributePath path, String what) throws IOException {
        ValueType kt = u.next(path);
        if (kt != ValueType.STRING) {
            throw new CodecException(path, what + " must be strings, got msgpack " + kt);
        }
        return unpackString(u, path);
    }

    private static CodecException mismatch(AttributePath path, String expected, ValueType got) {
        return new CodecException(path, expected + " is required, got msgpack " + got.name().toLowerCase());
    }
}
