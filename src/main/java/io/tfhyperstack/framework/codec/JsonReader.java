package io.tfhyperstack.framework.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * cty's JSON conventions for reading (see {@link JsonCodec}), over a parsed tree. A Java null node is
 * a value that is absent, read as null.
 */
final class JsonReader implements WireReader<JsonNode> {

    static final JsonReader INSTANCE = new JsonReader();

    private JsonReader() {
    }

    @Override
    public boolean isUnknown(JsonNode node, AttributePath path) {
        return false;
    }

    @Override
    public Value readUnknown(JsonNode node, Type type, AttributePath path) {
        throw new IllegalStateException("JSON has no unknown values");
    }

    @Override
    public boolean readNull(JsonNode node, AttributePath path) {
        return node == null || node.isNull();
    }

    @Override
    public Dynamic<JsonNode> readDynamic(JsonNode node, AttributePath path) {
        if (!node.isObject() || !node.has("type") || !node.has("value") || node.size() != 2) {
            throw new CodecException(path, "a dynamic value must be a JSON object with exactly the keys \"value\" and \"type\"");
        }
        try {
            return new Dynamic<>(Type.fromJson(node.get("type").toString()), node.get("value"));
        } catch (IllegalArgumentException e) {
            throw new CodecException(path, "bad type of a dynamic value: " + e.getMessage(), e);
        }
    }

    /** Like cty, a string slot also takes a JSON number or bool. */
    @Override
    public String readString(JsonNode node, AttributePath path) {
        if (node.isTextual()) {
            return node.textValue();
        } else if (node.isNumber()) {
            return Numbers.decimalString(Numbers.checked(node.decimalValue(), path));
        } else if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        throw mismatch(path, "a string", node);
    }

    /** Exact decimals, never through double; a string spelling is also taken. */
    @Override
    public BigDecimal readNumber(JsonNode node, AttributePath path) {
        if (node.isNumber()) {
            return Numbers.checked(node.decimalValue(), path);
        } else if (node.isTextual()) {
            try {
                return Numbers.checked(new BigDecimal(node.textValue().trim()), path);
            } catch (NumberFormatException e) {
                throw new CodecException(path, "number is required; cannot parse \"" + node.textValue() + "\"");
            }
        }
        throw mismatch(path, "a number", node);
    }

    @Override
    public boolean readBool(JsonNode node, AttributePath path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
            return node.textValue().equals("true");
        }
        throw mismatch(path, "a bool", node);
    }

    @Override
    public Elements<JsonNode> readArray(JsonNode node, String what, AttributePath path) {
        if (!node.isArray()) {
            throw mismatch(path, what, node);
        }
        Iterator<JsonNode> elements = node.elements();
        return new Elements<>() {
            @Override
            public int size() {
                return node.size();
            }

            @Override
            public JsonNode next() {
                return elements.next();
            }
        };
    }

    @Override
    public Entries<JsonNode> readMap(JsonNode node, AttributePath path) {
        if (!node.isObject()) {
            throw mismatch(path, "a map", node);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.properties().iterator();
        return new Entries<>() {
            private JsonNode value;

            @Override
            public int size() {
                return node.size();
            }

            @Override
            public String nextKey(AttributePath path) {
                Map.Entry<String, JsonNode> e = entries.next();
                value = e.getValue();
                return e.getKey();
            }

            @Override
            public JsonNode value() {
                return value;
            }
        };
    }

    /**
     * Stored state may lag the schema: every declared attribute is offered, absent ones as null (state
     * written before the attribute existed), and a JSON attribute the schema doesn't declare is left out
     * (state written by a schema that had it).
     */
    @Override
    public Entries<JsonNode> readObject(JsonNode node, ObjectType type, AttributePath path) {
        if (!node.isObject()) {
            throw mismatch(path, "an object", node);
        }
        Iterator<String> names = type.attributeNames().iterator();
        return new Entries<>() {
            private JsonNode value;

            @Override
            public int size() {
                return type.attributes().size();
            }

            @Override
            public String nextKey(AttributePath path) {
                String name = names.next();
                value = node.get(name);
                return name;
            }

            @Override
            public JsonNode value() {
                return value;
            }
        };
    }

    private static CodecException mismatch(AttributePath path, String expected, JsonNode got) {
        return new CodecException(path, expected + " is required, got JSON " + got.getNodeType().name().toLowerCase(Locale.ROOT));
    }
}
