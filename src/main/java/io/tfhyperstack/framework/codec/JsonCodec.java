package io.tfhyperstack.framework.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.DynamicType;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cty's JSON encoding of values, used for the raw state Terraform hands to UpgradeResourceState and
 * accepted in DynamicValue's {@code json} field.
 *
 * <ul>
 *   <li>objects and maps are JSON objects, lists, sets and tuples JSON arrays, null is {@code null}.</li>
 *   <li>numbers are JSON numbers, read and written as exact decimals (never through double).</li>
 *   <li>a value in a slot declared {@code dynamic} is {@code {"value": ..., "type": <type JSON>}}.</li>
 *   <li>unknown values have no JSON form: encoding one throws.</li>
 * </ul>
 *
 * <p>Decoding is lenient where stored state may lag the schema: an object attribute missing from the
 * JSON decodes as null (state written before the attribute existed), and a JSON attribute the schema
 * doesn't declare is ignored (state written by a schema that had it). Like cty, a string slot also
 * accepts a JSON number or bool, and number and bool slots accept their string spellings.
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes cty JSON as a value of {@code type}; CodecException on malformed or mismatched input. */
    public static Value decode(byte[] json, Type type) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CodecException(AttributePath.ROOT, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "cannot read JSON: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            // Jackson's own exception for a number BigDecimal cannot hold, such as 10e2147483648
            throw new CodecException(AttributePath.ROOT, "malformed JSON number: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CodecException(AttributePath.ROOT, "empty JSON input");
        }
        return read(root, type, AttributePath.ROOT, 0);
    }

    private static Value read(JsonNode node, Type type, AttributePath path, int depth) {
        NestingLimit.check(depth, path);
        if (node == null || node.isNull()) {
            return Value.nullOf(type);
        }
        try {
            if (type instanceof DynamicType) {
                return readDynamic(node, path, depth);
            } else if (type == Type.STRING) {
                if (node.isTextual()) {
                    return Value.string(node.textValue());
                } else if (node.isNumber()) {
                    return Value.string(Numbers.decimalString(Numbers.checked(node.decimalValue(), path)));
                } else if (node.isBoolean()) {
                    return Value.string(Boolean.toString(node.booleanValue()));
                }
                throw mismatch(path, "a string", node);
            } else if (type == Type.NUMBER) {
                if (node.isNumber()) {
                    return Value.number(Numbers.checked(node.decimalValue(), path));
                } else if (node.isTextual()) {
                    try {
                        return Value.number(Numbers.checked(new BigDecimal(node.textValue().trim()), path));
                    } catch (NumberFormatException e) {
                        throw new CodecException(path, "number is required; cannot parse \"" + node.textValue() + "\"");
                    }
                }
                throw mismatch(path, "a number", node);
            } else if (type == Type.BOOL) {
                if (node.isBoolean()) {
                    return Value.bool(node.booleanValue());
                } else if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
                    return Value.bool(node.textValue().equals("true"));
                }
                throw mismatch(path, "a bool", node);
            } else if (type instanceof ListType lt) {
                return Value.list(lt.element(), readArray(node, i -> lt.element(), -1, "a list", path, depth));
            } else if (type instanceof SetType st) {
                return Value.set(st.element(), readArray(node, i -> st.element(), -1, "a set", path, depth));
            } else if (type instanceof TupleType tt) {
                return Value.tuple(tt, readArray(node, tt::elementType, tt.size(), "a tuple", path, depth));
            } else if (type instanceof MapType mt) {
                if (!node.isObject()) {
                    throw mismatch(path, "a map", node);
                }
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    entries.put(e.getKey(), read(e.getValue(), mt.element(), path.key(e.getKey()), depth + 1));
                }
                return Value.map(mt.element(), entries);
            } else if (type instanceof ObjectType ot) {
                if (!node.isObject()) {
                    throw mismatch(path, "an object", node);
                }
                Map<String, Value> attrs = new LinkedHashMap<>();
                for (Map.Entry<String, Type> a : ot.attributes().entrySet()) {
                    JsonNode child = node.get(a.getKey());
                    if (child != null) {
                        attrs.put(a.getKey(), read(child, a.getValue(), path.attribute(a.getKey()), depth + 1));
                    }
                }
                return Value.object(ot, attrs);
            }
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, e.getMessage(), e);
        }
        throw new CodecException(path, "unsupported type " + type);
    }

    private interface ElementTypes {
        Type at(int index);
    }

    private static List<Value> readArray(JsonNode node, ElementTypes types, int expected, String what, AttributePath path,
                                         int depth) {
        if (!node.isArray()) {
            throw mismatch(path, what, node);
        }
        if (expected >= 0 && node.size() != expected) {
            throw new CodecException(path, "a tuple of length " + expected + " is required, got " + node.size() + " elements");
        }
        List<Value> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(read(node.get(i), types.at(i), path.index(i), depth + 1));
        }
        return out;
    }

    private static Value readDynamic(JsonNode node, AttributePath path, int depth) {
        if (!node.isObject() || !node.has("type") || !node.has("value") || node.size() != 2) {
            throw new CodecException(path, "a dynamic value must be a JSON object with exactly the keys \"value\" and \"type\"");
        }
        Type concrete;
        try {
            concrete = Type.fromJson(node.get("type").toString());
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, "bad type of a dynamic value: " + e.getMessage(), e);
        }
        return read(node.get("value"), concrete, path, depth + 1);
    }

    private static CodecException mismatch(AttributePath path, String expected, JsonNode got) {
        return new CodecException(path, expected + " is required, got JSON " + got.getNodeType().name().toLowerCase());
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes {@code v} using its own type as the slot type (containers carry their declared types). */
    public static byte[] encode(Value v) {
        return encode(v, v.type());
    }

    /** Encodes {@code v} as a value of {@code type}; CodecException for unknowns or non-conforming values. */
    public static byte[] encode(Value v, Type type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, v, type, AttributePath.ROOT);
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "JSON encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Value v, Type slot, AttributePath path) throws IOException {
        if (v == null) {
            throw new CodecException(path, "missing value (Java null)");
        }
        Type actual = v.type();
        if (slot instanceof DynamicType && !(actual instanceof DynamicType)) {
            g.writeStartObject();
            g.writeFieldName("value");
            write(g, v, actual, path);
            g.writeFieldName("type");
            g.writeRawValue(actual.toJson());
            g.writeEndObject();
            return;
        }
        if (v.isUnknown()) {
            throw new CodecException(path, "unknown values cannot be encoded as JSON");
        }
        if (!(actual instanceof DynamicType) && !slot.accepts(actual)) {
            throw new CodecException(path, "value of type " + actual.friendlyName() + " (" + actual
                    + ") does not conform to " + slot.friendlyName() + " (" + slot + ")");
        }
        if (v.isNull()) {
            g.writeNull();
        } else if (slot == Type.STRING) {
            g.writeString(v.asString());
        } else if (slot == Type.NUMBER) {
            g.writeNumber(Numbers.decimalString(v.asNumber()));
        } else if (slot == Type.BOOL) {
            g.writeBoolean(v.asBool());
        } else if (slot instanceof ListType lt) {
            writeArray(g, v.elements(), i -> lt.element(), path);
        } else if (slot instanceof SetType st) {
            writeArray(g, v.elements(), i -> st.element(), path);
        } else if (slot instanceof TupleType tt) {
            writeArray(g, v.elements(), tt::elementType, path);
        } else if (slot instanceof MapType mt) {
            g.writeStartObject();
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue(), mt.element(), path.key(e.getKey()));
            }
            g.writeEndObject();
        } else if (slot instanceof ObjectType ot) {
            Map<String, Value> attrs = v.entries();
            g.writeStartObject();
            for (Map.Entry<String, Type> a : ot.attributes().entrySet()) {
                g.writeFieldName(a.getKey());
                write(g, attrs.get(a.getKey()), a.getValue(), path.attribute(a.getKey()));
            }
            g.writeEndObject();
        } else {
            throw new CodecException(path, "cannot encode a known value in a slot of type " + slot);
        }
    }

    private static void writeArray(JsonGenerator g, List<Value> elements, ElementTypes types, AttributePath path)
            throws IOException {
        g.writeStartArray();
        for (int i = 0; i < elements.size(); i++) {
            write(g, elements.get(i), types.at(i), path.index(i));
        }
        g.writeEndArray();
    }
}
