package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    static final ObjectType AB = Type.object(Map.of("a", Type.STRING, "b", Type.STRING));

    static String enc(Value v) {
        return new String(JsonCodec.encode(v), StandardCharsets.UTF_8);
    }

    static Value dec(String json, Type t) {
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), t);
    }

    @Test
    void objectsWriteEveryAttribute() {
        assertEquals("{\"a\":\"x\",\"b\":null}", enc(Value.object(AB, Map.of("a", Value.string("x")))));
        assertEquals("null", enc(Value.nullOf(AB)));
    }

    @Test
    void numbersAreExactDecimals() {
        assertEquals("0.1", enc(Value.number(new BigDecimal("0.1"))));
        assertEquals("100", enc(Value.number(new BigDecimal("100.000"))));
        assertEquals("-12345678901234567890123456789", enc(Value.number(new BigDecimal("-12345678901234567890123456789"))));
        assertEquals("1E+1001", enc(Value.number(new BigDecimal("1e1001"))));
        BigDecimal precise = new BigDecimal("0.1000000000000000000000000000001");
        assertEquals(0, dec("0.1000000000000000000000000000001", Type.NUMBER).asNumber().compareTo(precise));
        assertEquals(Value.number(new BigDecimal("98765432109876543210")), dec("98765432109876543210", Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("1.5e3")), dec("1.5e3", Type.NUMBER));
    }

    @Test
    void collectionsAndTuples() {
        assertEquals("[\"a\",\"b\"]", enc(Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b")))));
        assertEquals("[1,2]", enc(Value.set(Type.NUMBER, List.of(Value.number(2), Value.number(1)))));
        assertEquals("{\"k\":true}", enc(Value.map(Type.BOOL, Map.of("k", Value.bool(true)))));
        TupleType tt = Type.tuple(List.of(Type.STRING, Type.NUMBER));
        Value t = Value.tuple(tt, List.of(Value.string("ü"), Value.number(3)));
        assertEquals("[\"ü\",3]", enc(t));
        assertEquals(t, dec("[\"ü\",3]", tt));
        assertThrows(CodecException.class, () -> dec("[\"x\"]", tt));
    }

    @Test
    void dynamicValuesCarryTheirType() {
        ObjectType withAny = Type.object(Map.of("any", Type.DYNAMIC));
        Value v = Value.object(withAny, Map.of("any", Value.list(Type.STRING, List.of(Value.string("x")))));
        String json = enc(v);
        assertEquals("{\"any\":{\"value\":[\"x\"],\"type\":[\"list\",\"string\"]}}", json);
        assertEquals(v, dec(json, withAny));
        // key order does not matter when reading
        assertEquals(v, dec("{\"any\":{\"type\":[\"list\",\"string\"],\"value\":[\"x\"]}}", withAny));
        assertEquals(Value.nullOf(Type.DYNAMIC), dec("{\"any\":null}", withAny).attribute("any"));
        assertThrows(CodecException.class, () -> dec("{\"any\":[\"x\"]}", withAny));
        assertThrows(CodecException.class, () -> dec("{\"any\":{\"value\":1}}", withAny));
    }

    @Test
    void stateFromOtherSchemaVersionsIsTolerated() {
        ObjectType current = Type.object(Map.of("id", Type.STRING, "name", Type.STRING, "tags", Type.map(Type.STRING)));
        // "name" and "tags" are missing (older schema); "flavor" is gone from the schema
        Value v = dec("{\"id\":\"123\",\"flavor\":\"small\"}", current);
        assertEquals(Value.string("123"), v.attribute("id"));
        assertEquals(Value.nullOf(Type.STRING), v.attribute("name"));
        assertEquals(Value.nullOf(Type.map(Type.STRING)), v.attribute("tags"));
    }

    @Test
    void primitivesAreReadLikeCty() {
        assertEquals(Value.string("5"), dec("5", Type.STRING));
        assertEquals(Value.string("true"), dec("true", Type.STRING));
        assertEquals(Value.number(7), dec("\"7\"", Type.NUMBER));
        assertEquals(Value.bool(false), dec("\"false\"", Type.BOOL));
        assertThrows(CodecException.class, () -> dec("\"yes\"", Type.BOOL));
        assertThrows(CodecException.class, () -> dec("\"seven\"", Type.NUMBER));
        assertThrows(CodecException.class, () -> dec("[]", Type.STRING));
    }

    @Test
    void errorsNameThePath() {
        ObjectType ot = Type.object(Map.of("rules", Type.list(Type.object(Map.of("port", Type.NUMBER)))));
        CodecException e = assertThrows(CodecException.class, () -> dec("{\"rules\":[{\"port\":{}}]}", ot));
        assertEquals(AttributePath.root("rules").index(0).attribute("port"), e.path());
        assertThrows(CodecException.class, () -> dec("{", ot));
        assertThrows(CodecException.class, () -> dec("", ot));
        assertThrows(CodecException.class, () -> dec("[]", ot));
        assertThrows(CodecException.class, () -> dec("{\"rules\":[],\"rules\":[]}", ot));
    }

    @Test
    void unknownsCannotBeWritten() {
        Value v = Value.object(AB, Map.of("b", Value.unknown(Type.STRING)));
        CodecException e = assertThrows(CodecException.class, () -> JsonCodec.encode(v));
        assertEquals(AttributePath.root("b"), e.path());
        assertThrows(CodecException.class, () -> JsonCodec.encode(Value.unknown(Type.DYNAMIC)));
    }

    /** 1e1000 is written plainly (its scale is within 1,000): 1,001 digits, beyond Jackson's default. */
    @Test
    void aLongPlainNumberItWritesReadsBack() {
        BigDecimal long1001Digits = new BigDecimal("1e1000");
        Value v = Value.number(long1001Digits);
        assertEquals(0, JsonCodec.decode(JsonCodec.encode(v), Type.NUMBER).asNumber().compareTo(long1001Digits));
    }
}
