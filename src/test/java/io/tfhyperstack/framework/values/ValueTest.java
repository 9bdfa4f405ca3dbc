package io.tfhyperstack.framework.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {

    static final ObjectType OBJ = Type.object(Map.of("name", Type.STRING, "size", Type.NUMBER, "any", Type.DYNAMIC));

    @Test
    void triState() {
        Value n = Value.nullOf(Type.STRING);
        Value u = Value.unknown(Type.STRING);
        Value k = Value.string("x");
        assertTrue(n.isNull() && n.isKnown() && n.isWhollyKnown() && !n.isUnknown());
        assertTrue(u.isUnknown() && !u.isKnown() && !u.isWhollyKnown() && !u.isNull());
        assertTrue(k.isKnown() && k.isWhollyKnown() && !k.isNull());
        assertEquals("x", k.asString());
        assertNull(n.stringOrNull());
        assertNull(u.stringOrNull());
        assertThrows(IllegalStateException.class, n::asString);
        assertThrows(IllegalStateException.class, u::asString);
        assertThrows(IllegalStateException.class, k::asNumber);
        assertThrows(IllegalStateException.class, k::elements);
    }

    @Test
    void numbersCompareByValue() {
        assertEquals(Value.number(1), Value.number(new BigDecimal("1.0")));
        assertEquals(Value.number(1).hashCode(), Value.number(new BigDecimal("1.000")).hashCode());
        assertEquals(Value.number(0).hashCode(), Value.number(new BigDecimal("0.00")).hashCode());
        assertNotEquals(Value.number(1), Value.number(new BigDecimal("1.0000000000000000000001")));
        assertEquals(42L, Value.number(new BigDecimal("42.000")).asLong());
        assertThrows(IllegalStateException.class, () -> Value.number(new BigDecimal("1.5")).asLong());
        assertThrows(IllegalStateException.class, () -> Value.number(new BigDecimal("1e30")).asLong());
    }

    @Test
    void wholeKnownnessLooksInside() {
        Value l = Value.list(Type.STRING, List.of(Value.string("a"), Value.unknown(Type.STRING)));
        assertTrue(l.isKnown());
        assertFalse(l.isWhollyKnown());
        Value o = Value.object(OBJ, Map.of("name", Value.string("a")));
        assertTrue(o.isWhollyKnown());
        assertFalse(o.withAttribute("size", Value.unknown(Type.NUMBER)).isWhollyKnown());
    }

    @Test
    void objectsFillMissingAttributesAndRejectUnknownOnes() {
        Value o = Value.object(OBJ, Map.of("name", Value.string("a")));
        assertEquals(Value.nullOf(Type.NUMBER), o.attribute("size"));
        assertEquals(Value.nullOf(Type.DYNAMIC), o.attribute("any"));
        assertEquals(List.of("any", "name", "size"), List.copyOf(o.entries().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Value.object(OBJ, Map.of("nmae", Value.string("a"))));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Value.object(OBJ, Map.of("size", Value.string("a"))));
        assertThrows(IllegalArgumentException.class, () -> o.attribute("nope"));
        assertThrows(IllegalStateException.class, () -> Value.nullOf(OBJ).attribute("name"));
    }

    @Test
    void withAttributeCopies() {
        Value o = Value.object(OBJ, Map.of("name", Value.string("a")));
        Value o2 = o.withAttribute("size", Value.number(3));
        assertEquals(Value.nullOf(Type.NUMBER), o.attribute("size"));
        assertEquals(3, o2.attribute("size").asLong());
        assertEquals("a", o2.attribute("name").asString());
    }

    @Test
    void dynamicSlotsHoldConcreteValues() {
        Value inner = Value.list(Type.STRING, List.of(Value.string("x")));
        Value o = Value.object(OBJ, Map.of("any", inner));
        assertEquals(Type.list(Type.STRING), o.attribute("any").type());
        assertEquals(OBJ, o.type());
        // a dynamic placeholder takes the slot's type
        Value o2 = Value.object(OBJ, Map.of("name", Value.unknown(Type.DYNAMIC)));
        assertEquals(Value.unknown(Type.STRING), o2.attribute("name"));
    }

    @Test
    void setsDedupAndIgnoreOrder() {
        Value a = Value.set(Type.STRING, List.of(Value.string("b"), Value.string("a"), Value.string("b")));
        Value b = Value.set(Type.STRING, List.of(Value.string("a"), Value.string("b")));
        assertEquals(2, a.elements().size());
        assertEquals(List.of(Value.string("a"), Value.string("b")), a.elements());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Value n = Value.set(Type.NUMBER, List.of(Value.number(10), Value.number(new BigDecimal("1.0")), Value.number(1), Value.number(2)));
        assertEquals(List.of(Value.number(1), Value.number(2), Value.number(10)), n.elements());
        // unknowns are never merged: they may turn out different
        Value u = Value.set(Type.STRING, List.of(Value.unknown(Type.STRING), Value.unknown(Type.STRING), Value.string("z")));
        assertEquals(3, u.elements().size());
        assertEquals(Value.string("z"), u.elements().get(0));
        assertNotEquals(u, Value.set(Type.STRING, List.of(Value.unknown(Type.STRING), Value.string("z"))));
    }

    @Test
    void listsKeepOrder() {
        Value a = Value.list(Type.STRING, List.of(Value.string("b"), Value.string("a")));
        Value b = Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b")));
        assertNotEquals(a, b);
        assertNotEquals(a, Value.set(Type.STRING, List.of(Value.string("b"), Value.string("a"))));
    }

    @Test
    void tuplesCheckArity() {
        TupleType tt = Type.tuple(List.of(Type.STRING, Type.NUMBER));
        Value t = Value.tuple(tt, List.of(Value.string("a"), Value.number(1)));
        assertEquals(2, t.elements().size());
        assertThrows(IllegalArgumentException.class, () -> Value.tuple(tt, List.of(Value.string("a"))));
        assertThrows(IllegalArgumentException.class, () -> Value.tuple(tt, List.of(Value.number(1), Value.number(1))));
    }

    @Test
    void containersAreImmutable() {
        Map<String, Value> m = new HashMap<>();
        m.put("k", Value.string("v"));
        Value map = Value.map(Type.STRING, m);
        m.put("k2", Value.string("v2"));
        assertEquals(1, map.entries().size());
        assertThrows(UnsupportedOperationException.class, () -> map.entries().put("x", Value.string("y")));
        assertThrows(UnsupportedOperationException.class,
                () -> Value.list(Type.STRING, List.of()).elements().add(Value.string("x")));
    }

    @Test
    void unknownRefinementDoesNotAffectEquality() {
        Value refined = Value.unknown(Type.STRING, true);
        assertTrue(refined.isRefinedNotNull());
        assertFalse(Value.unknown(Type.STRING).isRefinedNotNull());
        assertEquals(Value.unknown(Type.STRING), refined);
        assertNotEquals(Value.unknown(Type.STRING), Value.unknown(Type.NUMBER));
        assertNotEquals(Value.unknown(Type.STRING), Value.nullOf(Type.STRING));
    }

    @Test
    void printsLikeHcl() {
        Value o = Value.object(OBJ, Map.of(
                "name", Value.string("a\"b"),
                "size", Value.number(new BigDecimal("1.50")),
                "any", Value.set(Type.STRING, List.of(Value.string("x")))));
        assertEquals("{any = toset([\"x\"]), name = \"a\\\"b\", size = 1.5}", o.toString());
        assertEquals("(known after apply)", Value.unknown(Type.STRING).toString());
        assertEquals("null", Value.nullOf(OBJ).toString());
        assertEquals("{\"k\" = [true, null]}", Value.map(Type.list(Type.BOOL),
                Map.of("k", Value.list(Type.BOOL, java.util.Arrays.asList(Value.bool(true), Value.nullOf(Type.BOOL))))).toString());
    }
}
