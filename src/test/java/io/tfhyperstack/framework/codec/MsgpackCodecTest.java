package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgpackCodecTest {

    static final ObjectType AB = Type.object(Map.of("a", Type.STRING, "b", Type.STRING));

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String enc(Value v, Type t) {
        return hex(MsgpackCodec.encode(v, t));
    }

    // ---------------------------------------------------------------- exact bytes

    @Test
    void unknownIsFixext1TypeZero() {
        assertEquals("d40000", enc(Value.unknown(Type.STRING), Type.STRING));
        assertEquals("d40000", enc(Value.unknown(AB), AB));
        // the not-null refinement is not written: Terraform gets the plain form
        assertEquals("d40000", enc(Value.unknown(Type.STRING, true), Type.STRING));
        assertEquals("d40000", enc(Value.unknown(Type.DYNAMIC), Type.DYNAMIC));
    }

    @Test
    void objectHasEveryAttributeInNameOrder() {
        Value v = Value.object(AB, Map.of("a", Value.string("x")));
        // fixmap(2) "a" "x" "b" nil
        assertEquals("82 a161 a178 a162 c0".replace(" ", ""), enc(v, AB));
        assertEquals(v, MsgpackCodec.decode(hex("82a161a178a162c0"), AB));
        // attribute order on the wire doesn't matter when reading
        assertEquals(v, MsgpackCodec.decode(hex("82a162c0a161a178"), AB));
    }

    @Test
    void numbersUseTheSmallestExactForm() {
        assertEquals("00", enc(Value.number(0), Type.NUMBER));
        assertEquals("01", enc(Value.number(new BigDecimal("1.000")), Type.NUMBER));
        assertEquals("ff", enc(Value.number(-1), Type.NUMBER));
        assertEquals("cd0100", enc(Value.number(256), Type.NUMBER));
        assertEquals("d3" + "8000000000000000", enc(Value.number(Long.MIN_VALUE), Type.NUMBER));
        assertEquals("cb3fe0000000000000", enc(Value.number(new BigDecimal("0.5")), Type.NUMBER));
        // 2^63 is beyond int64 but exact as a float64, as in cty
        assertEquals("cb43e0000000000000", enc(Value.number(new BigDecimal("9223372036854775808")), Type.NUMBER));
        // 0.1 has no exact binary form: decimal string
        assertEquals("a3302e31", enc(Value.number(new BigDecimal("0.1")), Type.NUMBER));
        assertEquals(hex(msgpackString("123456789012345678901234567890.5")),
                enc(Value.number(new BigDecimal("123456789012345678901234567890.5")), Type.NUMBER));
    }

    private static byte[] msgpackString(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) 0xd9;
        out[1] = (byte) b.length;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    @Test
    void numbersAreReadFromEveryForm() {
        assertEquals(Value.number(5), MsgpackCodec.decode(hex("05"), Type.NUMBER));
        assertEquals(Value.number(-5), MsgpackCodec.decode(hex("d0fb"), Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("18446744073709551615")), MsgpackCodec.decode(hex("cfffffffffffffffff"), Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("0.5")), MsgpackCodec.decode(hex("ca3f000000"), Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("1.25")), MsgpackCodec.decode(hex("cb3ff4000000000000"), Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("0.1")), MsgpackCodec.decode(hex("a3302e31"), Type.NUMBER));
        assertEquals(Value.number(new BigDecimal("1e400")), MsgpackCodec.decode(hex("a531653430 30".replace(" ", "")), Type.NUMBER));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a3616263"), Type.NUMBER));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("cb7ff8000000000000"), Type.NUMBER)); // NaN
    }

    @Test
    void collections() {
        Value list = Value.list(Type.STRING, List.of(Value.string("a"), Value.nullOf(Type.STRING), Value.unknown(Type.STRING)));
        assertEquals("93a161c0d40000", enc(list, Type.list(Type.STRING)));
        Value set = Value.set(Type.NUMBER, List.of(Value.number(2), Value.number(1)));
        assertEquals("920102", enc(set, Type.set(Type.NUMBER)));
        Value map = Value.map(Type.BOOL, Map.of("z", Value.bool(true), "k", Value.bool(false)));
        assertEquals("82a16bc2a17ac3", enc(map, Type.map(Type.BOOL)));
        TupleType tt = Type.tuple(List.of(Type.STRING, Type.BOOL));
        assertEquals("92a178c3", enc(Value.tuple(tt, List.of(Value.string("x"), Value.bool(true))), tt));
        assertEquals("90", enc(Value.list(Type.STRING, List.of()), Type.list(Type.STRING)));
        assertEquals("c0", enc(Value.nullOf(Type.list(Type.STRING)), Type.list(Type.STRING)));
    }

    @Test
    void unicodeStrings() {
        Value v = Value.string("ü🚀");
        assertEquals("a6c3bcf09f9a80", enc(v, Type.STRING));
        assertEquals(v, MsgpackCodec.decode(hex("a6c3bcf09f9a80"), Type.STRING));
        CodecException e = assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a2c328"), Type.STRING));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    // ---------------------------------------------------------------- dynamic

    @Test
    void dynamicSlotsCarryTheirType() {
        // [bin("\"string\""), "x"]
        String expected = "92 c408 22737472696e6722 a178".replace(" ", "");
        assertEquals(expected, enc(Value.string("x"), Type.DYNAMIC));
        assertEquals(Value.string("x"), MsgpackCodec.decode(hex(expected), Type.DYNAMIC));
        // cty's reader also takes the type as a str
        assertEquals(Value.string("x"), MsgpackCodec.decode(hex("92 a8 22737472696e6722 a178".replace(" ", "")), Type.DYNAMIC));

        assertEquals("c0", enc(Value.nullOf(Type.DYNAMIC), Type.DYNAMIC));
        assertEquals(Value.nullOf(Type.DYNAMIC), MsgpackCodec.decode(hex("c0"), Type.DYNAMIC));
        assertEquals(Value.unknown(Type.DYNAMIC), MsgpackCodec.decode(hex("d40000"), Type.DYNAMIC));
        // a typed null keeps its type through a dynamic slot
        assertEquals("92c40822737472696e6722c0", enc(Value.nullOf(Type.STRING), Type.DYNAMIC));
        assertEquals(Value.nullOf(Type.STRING), MsgpackCodec.decode(hex("92c40822737472696e6722c0"), Type.DYNAMIC));

        ObjectType withAny = Type.object(Map.of("any", Type.DYNAMIC));
        Value nested = Value.object(withAny, Map.of("any",
                Value.list(Type.NUMBER, List.of(Value.number(1), Value.number(2)))));
        byte[] bytes = MsgpackCodec.encode(nested, withAny);
        Value back = MsgpackCodec.decode(bytes, withAny);
        assertEquals(nested, back);
        assertEquals(Type.list(Type.NUMBER), back.attribute("any").type());
    }

    @Test
    void malformedDynamicValues() {
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("93c40822737472696e6722a178c0"), Type.DYNAMIC));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a178"), Type.DYNAMIC));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("92c403666f6fa178"), Type.DYNAMIC)); // type JSON "foo" is not JSON
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("92c40822737472696e672201"), Type.DYNAMIC)); // 1 is no string
    }

    // ---------------------------------------------------------------- unknowns and refinements

    @Test
    void refinedUnknownsFromTerraformAreUnknown() {
        // ext8, 3 bytes, type 12: {1: false} = "is null: false", i.e. definitely not null
        Value v = MsgpackCodec.decode(hex("c7030c8101c2"), Type.STRING);
        assertTrue(v.isUnknown());
        assertTrue(v.isRefinedNotNull());
        // not null plus a string prefix "ab"
        Value p = MsgpackCodec.decode(hex("c7070c8201c202a26162"), Type.STRING);
        assertTrue(p.isUnknown());
        assertTrue(p.isRefinedNotNull());
        // a refinement map without the nullness key
        Value q = MsgpackCodec.decode(hex("c7040c8102a161"), Type.STRING);
        assertTrue(q.isUnknown());
        assertFalse(q.isRefinedNotNull());
        // {1: true} claims "is null": still read as an unknown, without the not-null hint
        Value r = MsgpackCodec.decode(hex("c7030c8101c3"), Type.STRING);
        assertTrue(r.isUnknown());
        assertFalse(r.isRefinedNotNull());
        // number bounds [0, true] and length bounds are skipped
        Value n = MsgpackCodec.decode(hex("c7070c8201c2039200c3"), Type.NUMBER);
        assertTrue(n.isUnknown() && n.isRefinedNotNull());
        Value l = MsgpackCodec.decode(hex("c7050c8201c20501"), Type.list(Type.STRING));
        assertTrue(l.isUnknown() && l.isRefinedNotNull());
        assertEquals(Type.list(Type.STRING), l.type());
    }

    @Test
    void everyExtensionIsUnknown() {
        assertEquals(Value.unknown(Type.BOOL), MsgpackCodec.decode(hex("d40000"), Type.BOOL));
        assertEquals(Value.unknown(Type.BOOL), MsgpackCodec.decode(hex("d50500ff"), Type.BOOL));
        assertEquals(Value.unknown(Type.BOOL), MsgpackCodec.decode(hex("c7000c"), Type.BOOL));
        ObjectType ot = Type.object(Map.of("id", Type.STRING, "tags", Type.set(Type.STRING)));
        Value v = MsgpackCodec.decode(hex("82a26964c7030c8101c2a47461677392a178d40000"), ot);
        assertTrue(v.attribute("id").isRefinedNotNull());
        assertEquals(2, v.attribute("tags").elements().size());
        assertFalse(v.isWhollyKnown());
        assertTrue(v.isKnown());
    }

    @Test
    void malformedRefinementPayloadIsAnError() {
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("c7020ca161"), Type.STRING));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void objectKeySetMustMatch() {
        CodecException missing = assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("81a161a178"), AB));
        assertTrue(missing.getMessage().contains("[b]"), missing.getMessage());
        CodecException extra = assertThrows(CodecException.class,
                () -> MsgpackCodec.decode(hex("83a161a178a162c0a163c0"), AB));
        assertEquals(AttributePath.root("c"), extra.path());
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("82a161a178a161c0"), AB)); // duplicate
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("8201a178a162c0"), AB)); // non-string key
    }

    @Test
    void wrongWireTypesNameThePath() {
        ObjectType ot = Type.object(Map.of("rules", Type.list(Type.object(Map.of("port", Type.NUMBER)))));
        // rules[0].port = "x"
        CodecException e = assertThrows(CodecException.class,
                () -> MsgpackCodec.decode(hex("81a572756c65739181a4706f7274a178"), ot));
        assertEquals(AttributePath.root("rules").index(0).attribute("port"), e.path());
        assertTrue(e.getMessage().startsWith("at rules[0].port: "), e.getMessage());
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("c3"), Type.STRING));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a178"), Type.BOOL));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("80"), Type.list(Type.STRING)));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("90"), Type.map(Type.STRING)));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("91c3"), Type.tuple(List.of(Type.BOOL, Type.BOOL))));
    }

    @Test
    void truncatedOrTrailingInput() {
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(new byte[0], Type.STRING));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("92a161"), Type.list(Type.STRING)));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a561"), Type.STRING));
        assertThrows(CodecException.class, () -> MsgpackCodec.decode(hex("a161a162"), Type.STRING));
    }

    @Test
    void encodingRejectsNonConformingValues() {
        assertThrows(CodecException.class, () -> MsgpackCodec.encode(Value.string("x"), Type.NUMBER));
        assertThrows(CodecException.class, () -> MsgpackCodec.encode(
                Value.object(AB, Map.of()), Type.object(Map.of("a", Type.STRING))));
        ObjectType nested = Type.object(Map.of("inner", AB));
        CodecException e = assertThrows(CodecException.class, () -> MsgpackCodec.encode(
                Value.object(nested, Map.of()), Type.object(Map.of("inner", Type.object(Map.of("a", Type.NUMBER, "b", Type.STRING))))));
        assertTrue(e.getMessage().contains("does not conform"), e.getMessage());
        // a dynamic placeholder fits any slot
        assertEquals("c0", enc(Value.nullOf(Type.DYNAMIC), AB));
    }
}
