package io.tfhyperstack.framework.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeTest {

    @Test
    void primitivesEncodeAsNames() {
        assertEquals("\"string\"", Type.STRING.toJson());
        assertEquals("\"number\"", Type.NUMBER.toJson());
        assertEquals("\"bool\"", Type.BOOL.toJson());
        assertEquals("\"dynamic\"", Type.DYNAMIC.toJson());
    }

    @Test
    void complexTypesEncodeLikeCty() {
        assertEquals("[\"list\",\"string\"]", Type.list(Type.STRING).toJson());
        assertEquals("[\"set\",[\"map\",\"bool\"]]", Type.set(Type.map(Type.BOOL)).toJson());
        Map<String, Type> attrs = new LinkedHashMap<>();
        attrs.put("z", Type.NUMBER);
        attrs.put("a", Type.list(Type.DYNAMIC));
        assertEquals("[\"object\",{\"a\":[\"list\",\"dynamic\"],\"z\":\"number\"}]", Type.object(attrs).toJson());
        assertEquals("[\"tuple\",[\"string\",[\"object\",{}]]]",
                Type.tuple(List.of(Type.STRING, Type.object(Map.of()))).toJson());
        assertEquals("[\"object\",{\"we\\\"ird\":\"string\"}]", Type.object(Map.of("we\"ird", Type.STRING)).toJson());
    }

    @Test
    void parsesWhatItWrites() {
        Type t = Type.object(Map.of(
                "tags", Type.map(Type.STRING),
                "rules", Type.list(Type.object(Map.of("port", Type.NUMBER, "open", Type.BOOL))),
                "pair", Type.tuple(List.of(Type.STRING, Type.set(Type.NUMBER))),
                "any", Type.DYNAMIC,
                "we\"ird", Type.STRING));
        assertEquals(t, Type.fromJson(t.toJson()));
        assertEquals(t, Type.fromJson(t.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Type.tuple(List.of()), Type.fromJson("[\"tuple\",[]]"));
        assertEquals(Type.list(Type.STRING), Type.fromJson(" [ \"list\" , \"string\" ] "));
    }

    @Test
    void attributeNamesAreEscapedAndReadBack() {
        String odd = "quote\" back\\ line\n nul\u0000 sep\u2028";
        Type type = Type.object(Map.of(odd, Type.STRING));
        assertEquals("[\"object\",{\"quote\\\" back\\\\ line\\n nul\\u0000 sep\\u2028\":\"string\"}]",
                type.toJson());
        assertEquals(type, Type.fromJson(type.toJson()));
    }

    @Test
    void ignoresOptionalAttributeMarkers() {
        assertEquals(Type.object(Map.of("a", Type.STRING)), Type.fromJson("[\"object\",{\"a\":\"string\"},[\"a\"]]"));
    }

    @Test
    void rejectsMalformedJson() {
        for (String bad : List.of("", "\"str\"", "[\"list\"]", "[\"list\",\"string\",\"x\"]", "[\"object\",[]]",
                "[\"tuple\",{}]", "[\"frob\",\"string\"]", "42", "{", "[\"list\",\"nope\"]")) {
            assertThrows(IllegalArgumentException.class, () -> Type.fromJson(bad), bad);
        }
    }

    @Test
    void friendlyNames() {
        assertEquals("list of string", Type.list(Type.STRING).friendlyName());
        assertEquals("map of set of number", Type.map(Type.set(Type.NUMBER)).friendlyName());
        assertEquals("object", Type.object(Map.of()).friendlyName());
        assertEquals("tuple", Type.tuple(List.of(Type.BOOL)).friendlyName());
        assertEquals("dynamic", Type.DYNAMIC.friendlyName());
    }

    @Test
    void structuralEqualityAndImmutability() {
        assertEquals(Type.list(Type.STRING), new ListType(Type.STRING));
        assertFalse(Type.list(Type.STRING).equals(Type.set(Type.STRING)));
        Map<String, Type> attrs = new LinkedHashMap<>();
        attrs.put("b", Type.STRING);
        attrs.put("a", Type.STRING);
        ObjectType ot = Type.object(attrs);
        attrs.put("c", Type.BOOL);
        assertEquals(List.of("a", "b"), List.copyOf(ot.attributes().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> ot.attributes().put("x", Type.STRING));
    }

    @Test
    void dynamicAcceptsAnything() {
        assertTrue(Type.DYNAMIC.accepts(Type.list(Type.STRING)));
        assertTrue(Type.list(Type.DYNAMIC).accepts(Type.list(Type.NUMBER)));
        assertFalse(Type.list(Type.NUMBER).accepts(Type.list(Type.DYNAMIC)));
        assertFalse(Type.object(Map.of("a", Type.STRING)).accepts(Type.object(Map.of("b", Type.STRING))));
        assertTrue(Type.object(Map.of("a", Type.DYNAMIC)).accepts(Type.object(Map.of("a", Type.BOOL))));
    }
}
