package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.DynamicType;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The walk over cty types that builds a value, shared by the codecs: each format supplies only how it
 * holds values ({@link WireReader}). The walk owns what holds for every format: the nesting bound,
 * tuple lengths, duplicate keys, the attributes an object must have, and the paths in messages.
 */
final class ValueDecoder {

    private ValueDecoder() {
    }

    static <N> Value decode(WireReader<N> wire, N root, Type type) throws IOException {
        return read(wire, root, type, AttributePath.ROOT, 0);
    }

    private static <N> Value read(WireReader<N> wire, N node, Type type, AttributePath path, int depth)
            throws IOException {
        if (wire.isUnknown(node, path)) {
            return wire.readUnknown(node, type, path);
        }
        if (wire.readNull(node, path)) {
            return Value.nullOf(type);
        }
        NestingLimit.check(depth, path);
        try {
            if (type instanceof DynamicType) {
                WireReader.Dynamic<N> d = wire.readDynamic(node, path);
                return read(wire, d.value(), d.type(), path, depth + 1);
            } else if (type == Type.STRING) {
                return Value.string(wire.readString(node, path));
            } else if (type == Type.NUMBER) {
                return Value.number(wire.readNumber(node, path));
            } else if (type == Type.BOOL) {
                return Value.bool(wire.readBool(node, path));
            } else if (type instanceof ListType lt) {
                return Value.list(lt.element(), readElements(wire, node, i -> lt.element(), -1, "a list", path, depth));
            } else if (type instanceof SetType st) {
                return Value.set(st.element(), readElements(wire, node, i -> st.element(), -1, "a set", path, depth));
            } else if (type instanceof TupleType tt) {
                return Value.tuple(tt, readElements(wire, node, tt::elementType, tt.size(), "a tuple", path, depth));
            } else if (type instanceof MapType mt) {
                return Value.map(mt.element(), readEntries(wire, node, mt, path, depth));
            } else if (type instanceof ObjectType ot) {
                return Value.object(ot, readAttributes(wire, node, ot, path, depth));
            }
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, e.getMessage(), e);
        }
        throw new CodecException(path, "unsupported type " + type);
    }

    private static <N> List<Value> readElements(WireReader<N> wire, N node, IntFunction<Type> types, int expected,
                                                String what, AttributePath path, int depth) throws IOException {
        WireReader.Elements<N> elements = wire.readArray(node, what, path);
        int n = elements.size();
        if (expected >= 0 && n != expected) {
            throw new CodecException(path, "a tuple of length " + expected + " is required, got " + n + " elements");
        }
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read(wire, elements.next(), types.apply(i), path.index(i), depth + 1));
        }
        return out;
    }

    private static <N> Map<String, Value> readEntries(WireReader<N> wire, N node, MapType mt, AttributePath path,
                                                      int depth) throws IOException {
        WireReader.Entries<N> entries = wire.readMap(node, path);
        Map<String, Value> out = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = entries.nextKey(path);
            if (out.containsKey(key)) {
                throw new CodecException(path, "duplicate map key \"" + key + "\"");
            }
            out.put(key, read(wire, entries.value(), mt.element(), path.key(key), depth + 1));
        }
        return out;
    }

    private static <N> Map<String, Value> readAttributes(WireReader<N> wire, N node, ObjectType ot, AttributePath path,
                                                         int depth) throws IOException {
        WireReader.Entries<N> entries = wire.readObject(node, ot, path);
        Map<String, Value> attrs = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.nextKey(path);
            Type at = ot.attributeType(name);
            if (at == null) {
                throw new CodecException(path.attribute(name), "unsupported attribute \"" + name
                        + "\"; the object has " + describeNames(ot));
            }
            if (attrs.containsKey(name)) {
                throw new CodecException(path.attribute(name), "duplicate attribute \"" + name + "\"");
            }
            attrs.put(name, read(wire, entries.value(), at, path.attribute(name), depth + 1));
        }
        if (attrs.size() != ot.attributes().size()) {
            TreeSet<String> missing = new TreeSet<>(ot.attributeNames());
            missing.removeAll(attrs.keySet());
            throw new CodecException(path, "missing object attributes " + missing
                    + " (an object must carry every attribute, null when absent)");
        }
        return attrs;
    }

    private static String describeNames(ObjectType ot) {
        return ot.attributes().isEmpty() ? "no attributes" : "attributes " + ot.attributeNames();
    }
}
