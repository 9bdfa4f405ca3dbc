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
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The walk over cty types that writes a value, shared by the codecs: each format supplies only how it
 * writes ({@link WireWriter}). The walk owns the rules: a value must conform to its slot, a value in a
 * dynamic slot carries its own type, an object writes every attribute of the slot's type.
 */
final class ValueEncoder {

    private ValueEncoder() {
    }

    static void encode(WireWriter out, Value v, Type slot) throws IOException {
        write(out, v, slot, AttributePath.ROOT);
    }

    private static void write(WireWriter out, Value v, Type slot, AttributePath path) throws IOException {
        if (v == null) {
            throw new CodecException(path, "missing value (Java null)");
        }
        Type actual = v.type();
        if (slot instanceof DynamicType && !(actual instanceof DynamicType)) {
            // The reader cannot know the type of a dynamic slot, so it travels with the value.
            out.startDynamic(actual);
            write(out, v, actual, path);
            out.endDynamic(actual);
            return;
        }
        if (v.isUnknown()) {
            // A format without unknowns refuses one whatever its type, so it answers before the check;
            // what was written is dropped when the check fails.
            out.writeUnknown(path);
            checkConforms(v, slot, path);
            return;
        }
        checkConforms(v, slot, path);
        if (v.isNull()) {
            out.writeNull();
        } else if (slot == Type.STRING) {
            out.writeString(v.asString());
        } else if (slot == Type.NUMBER) {
            out.writeNumber(v.asNumber());
        } else if (slot == Type.BOOL) {
            out.writeBool(v.asBool());
        } else if (slot instanceof ListType lt) {
            writeElements(out, v.elements(), i -> lt.element(), path);
        } else if (slot instanceof SetType st) {
            writeElements(out, v.elements(), i -> st.element(), path);
        } else if (slot instanceof TupleType tt) {
            writeElements(out, v.elements(), tt::elementType, path);
        } else if (slot instanceof MapType mt) {
            Map<String, Value> entries = v.entries();
            out.startMap(entries.size());
            for (Map.Entry<String, Value> e : entries.entrySet()) {
                out.writeKey(e.getKey());
                write(out, e.getValue(), mt.element(), path.key(e.getKey()));
            }
            out.endMap();
        } else if (slot instanceof ObjectType ot) {
            Map<String, Value> attrs = v.entries();
            out.startMap(ot.attributes().size());
            for (Map.Entry<String, Type> a : ot.attributes().entrySet()) {
                out.writeKey(a.getKey());
                write(out, attrs.get(a.getKey()), a.getValue(), path.attribute(a.getKey()));
            }
            out.endMap();
        } else {
            throw new CodecException(path, "cannot encode a known value in a slot of type " + slot);
        }
    }

    private static void writeElements(WireWriter out, List<Value> elements, IntFunction<Type> types, AttributePath path)
            throws IOException {
        out.startArray(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            write(out, elements.get(i), types.apply(i), path.index(i));
        }
        out.endArray();
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
}
