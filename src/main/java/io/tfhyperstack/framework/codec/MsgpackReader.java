package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.DynamicType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * cty's msgpack conventions for reading (see {@link MsgpackCodec}). The input is a stream, so it is its
 * own "node": the value meant is always the next one.
 */
final class MsgpackReader implements WireReader<MsgpackInput> {

    /** Extension type cty uses for unknowns that carry refinements. */
    static final byte REFINED_UNKNOWN_EXT = 12;
    private static final int REFINEMENT_NULLNESS = 1;

    static final MsgpackReader INSTANCE = new MsgpackReader();

    private MsgpackReader() {
    }

    @Override
    public boolean isUnknown(MsgpackInput in, AttributePath path) throws IOException {
        return in.next(path) == ValueType.EXTENSION;
    }

    @Override
    public Value readUnknown(MsgpackInput in, Type type, AttributePath path) throws IOException {
        MsgpackInput.Extension ext = in.extension(path);
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

    @Override
    public boolean readNull(MsgpackInput in, AttributePath path) throws IOException {
        if (in.next(path) != ValueType.NIL) {
            return false;
        }
        in.nil(path);
        return true;
    }

    @Override
    public Dynamic<MsgpackInput> readDynamic(MsgpackInput in, AttributePath path) throws IOException {
        ValueType vt = in.next(path);
        if (vt != ValueType.ARRAY) {
            throw new CodecException(path, "a dynamic value must be a [type, value] array, got msgpack " + vt);
        }
        int n = in.arrayHeader(path);
        if (n != 2) {
            throw new CodecException(path, "a dynamic value must be a [type, value] array of 2 elements, got " + n);
        }
        ValueType typeVt = in.next(path);
        byte[] typeJson;
        if (typeVt == ValueType.BINARY) {
            typeJson = in.binaryPayload(path);
        } else if (typeVt == ValueType.STRING) {
            typeJson = in.stringPayload(path);
        } else {
            throw new CodecException(path, "the type of a dynamic value must be JSON bytes, got msgpack " + typeVt);
        }
        try {
            return new Dynamic<>(Type.fromJson(typeJson), in);
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, "bad type of a dynamic value: " + e.getMessage(), e);
        }
    }

    @Override
    public String readString(MsgpackInput in, AttributePath path) throws IOException {
        ValueType vt = in.next(path);
        if (vt != ValueType.STRING) {
            throw mismatch(path, "a string", vt);
        }
        return utf8(in, path);
    }

    @Override
    public boolean readBool(MsgpackInput in, AttributePath path) throws IOException {
        ValueType vt = in.next(path);
        if (vt != ValueType.BOOLEAN) {
            throw mismatch(path, "a bool", vt);
        }
        return in.bool(path);
    }

    @Override
    public BigDecimal readNumber(MsgpackInput in, AttributePath path) throws IOException {
        ValueType vt = in.next(path);
        switch (vt) {
            case INTEGER:
                return new BigDecimal(in.integer(path));
            case FLOAT: {
                double d = in.floating(path);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CodecException(path, "number " + d + " is not supported (only finite numbers)");
                }
                // new BigDecimal(double) is the exact binary value, as cty's big.Float holds it.
                return new BigDecimal(d);
            }
            case STRING: {
                String s = utf8(in, path);
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

    @Override
    public Elements<MsgpackInput> readArray(MsgpackInput in, String what, AttributePath path) throws IOException {
        ValueType vt = in.next(path);
        if (vt != ValueType.ARRAY) {
            throw mismatch(path, what, vt);
        }
        int n = in.arrayHeader(path);
        return new Elements<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public MsgpackInput next() {
                return in;
            }
        };
    }

    @Override
    public Entries<MsgpackInput> readMap(MsgpackInput in, AttributePath path) throws IOException {
        return entries(in, "a map", "map keys", path);
    }

    /** An object is a map with a key per attribute; the walk checks that each is there exactly once. */
    @Override
    public Entries<MsgpackInput> readObject(MsgpackInput in, ObjectType type, AttributePath path) throws IOException {
        return entries(in, "an object", "attribute names", path);
    }

    private static Entries<MsgpackInput> entries(MsgpackInput in, String what, String keys, AttributePath path)
            throws IOException {
        ValueType vt = in.next(path);
        if (vt != ValueType.MAP) {
            throw mismatch(path, what, vt);
        }
        int n = in.mapHeader(path);
        return new Entries<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public String nextKey(AttributePath path) throws IOException {
                ValueType kt = in.next(path);
                if (kt != ValueType.STRING) {
                    throw new CodecException(path, keys + " must be strings, got msgpack " + kt);
                }
                return utf8(in, path);
            }

            @Override
            public MsgpackInput value() {
                return in;
            }
        };
    }

    private static String utf8(MsgpackInput in, AttributePath path) throws IOException {
        byte[] raw = in.stringPayload(path);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(path, "string is not valid UTF-8", e);
        }
    }

    private static CodecException mismatch(AttributePath path, String expected, ValueType got) {
        return new CodecException(path, expected + " is required, got msgpack " + got.name().toLowerCase(Locale.ROOT));
    }
}
