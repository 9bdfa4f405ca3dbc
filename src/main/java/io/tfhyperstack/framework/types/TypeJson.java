package io.tfhyperstack.framework.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.tfhyperstack.util.JsonStrings;

/** Reads and writes cty's JSON type encoding. */
final class TypeJson {

    /**
     * Only reading needs a JSON parser. The schema answer, made at every provider start, only writes
     * types, so the mapper (and Jackson's few hundred classes) stays out of it until a type is read.
     */
    private static final class Parser {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private TypeJson() {
    }

    static void write(Type type, StringBuilder sb) {
        if (type instanceof PrimitiveType p) {
            sb.append('"').append(p.ctyName()).append('"');
        } else if (type instanceof DynamicType) {
            sb.append("\"dynamic\"");
        } else if (type instanceof ListType l) {
            writeCollection("list", l.element(), sb);
        } else if (type instanceof SetType s) {
            writeCollection("set", s.element(), sb);
        } else if (type instanceof MapType m) {
            writeCollection("map", m.element(), sb);
        } else if (type instanceof ObjectType o) {
            sb.append("[\"object\",{");
            String sep = "";
            for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
                sb.append(sep);
                JsonStrings.quote(sb, e.getKey());
                sb.append(':');
                write(e.getValue(), sb);
                sep = ",";
            }
            sb.append("}]");
        } else if (type instanceof TupleType t) {
            sb.append("[\"tuple\",[");
            String sep = "";
            for (Type e : t.elements()) {
                sb.append(sep);
                write(e, sb);
                sep = ",";
            }
            sb.append("]]");
        }
    }

    private static void writeCollection(String kind, Type element, StringBuilder sb) {
        sb.append("[\"").append(kind).append("\",");
        write(element, sb);
        sb.append(']');
    }

    static Type parse(String json) {
        JsonNode node;
        try {
            node = Parser.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid type JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("invalid type JSON: empty input");
        }
        return parse(node);
    }

    private static Type parse(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.textValue()) {
                case "string" -> Type.STRING;
                case "number" -> Type.NUMBER;
                case "bool" -> Type.BOOL;
                case "dynamic" -> Type.DYNAMIC;
                default -> throw new IllegalArgumentException("unknown primitive type " + node);
            };
        }
        if (!node.isArray() || node.size() < 2 || !node.get(0).isTextual()) {
            throw new IllegalArgumentException("invalid type JSON " + node
                    + ": expected a type name or a [kind, ...] array");
        }
        String kind = node.get(0).textValue();
        switch (kind) {
            case "list", "set", "map" -> {
                requireSize(node, 2);
                Type element = parse(node.get(1));
                return switch (kind) {
                    case "list" -> new ListType(element);
                    case "set" -> new SetType(element);
                    default -> new MapType(element);
                };
            }
            case "object" -> {
                // cty adds a third element listing optional attributes only for type constraints, which
                // never describe a concrete value; it is accepted and ignored.
                if (node.size() > 3) {
                    throw new IllegalArgumentException("invalid object type JSON " + node);
                }
                JsonNode attrs = node.get(1);
                if (!attrs.isObject()) {
                    throw new IllegalArgumentException("object type attributes must be a JSON object: " + node);
                }
                Map<String, Type> types = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                    types.put(e.getKey(), parse(e.getValue()));
                }
                return new ObjectType(types);
            }
            case "tuple" -> {
                requireSize(node, 2);
                JsonNode elems = node.get(1);
                if (!elems.isArray()) {
                    throw new IllegalArgumentException("tuple element types must be a JSON array: " + node);
                }
                List<Type> types = new ArrayList<>();
                for (JsonNode e : elems) {
                    types.add(parse(e));
                }
                return new TupleType(types);
            }
            default -> throw new IllegalArgumentException("unknown type kind \"" + kind + "\" in " + node);
        }
    }

    private static void requireSize(JsonNode node, int size) {
        if (node.size() != size) {
            throw new IllegalArgumentException("invalid type JSON " + node + ": expected " + size + " elements");
        }
    }
}
