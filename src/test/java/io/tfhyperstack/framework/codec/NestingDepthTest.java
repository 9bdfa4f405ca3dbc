package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Both decoders refuse values nested deeper than {@link NestingLimit#MAX_DEPTH}, whatever the type says. */
class NestingDepthTest {

    private static final int TOO_DEEP = NestingLimit.MAX_DEPTH + 1;

    private static Type lists(int depth) {
        Type t = Type.STRING;
        for (int i = 0; i < depth; i++) {
            t = Type.list(t);
        }
        return t;
    }

    private static byte[] msgpackLists(int depth) {
        return HexFormat.of().parseHex("91".repeat(depth) + "a178");
    }

    private static byte[] jsonLists(int depth) {
        return ("[".repeat(depth) + "\"x\"" + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSaysTooDeep(CodecException e) {
        assertTrue(e.getMessage().contains("nested more than " + NestingLimit.MAX_DEPTH), e.getMessage());
    }

    @Test
    void valuesUpToTheLimitDecode() {
        Type type = lists(NestingLimit.MAX_DEPTH);
        assertEquals(type, MsgpackCodec.decode(msgpackLists(NestingLimit.MAX_DEPTH), type).type());
        assertEquals(type, JsonCodec.decode(jsonLists(NestingLimit.MAX_DEPTH), type).type());
    }

    @Test
    void msgpackListsBeyondTheLimitAreRefused() {
        Type type = lists(TOO_DEEP);
        assertSaysTooDeep(assertThrows(CodecException.class, () -> MsgpackCodec.decode(msgpackLists(TOO_DEEP), type)));
    }

    @Test
    void jsonListsBeyondTheLimitAreRefused() {
        Type type = lists(TOO_DEEP);
        assertSaysTooDeep(assertThrows(CodecException.class, () -> JsonCodec.decode(jsonLists(TOO_DEEP), type)));
    }

    @Test
    void aDeepTypeInsideADynamicValueIsRefused() {
        // [type JSON, value]: the type comes from the input, so the schema bounds nothing here
        String typeJson = lists(TOO_DEEP).toJson();
        byte[] json = ("{\"value\":" + new String(jsonLists(TOO_DEEP), StandardCharsets.UTF_8)
                + ",\"type\":" + typeJson + "}").getBytes(StandardCharsets.UTF_8);
        assertSaysTooDeep(assertThrows(CodecException.class, () -> JsonCodec.decode(json, Type.DYNAMIC)));

        byte[] typeBytes = typeJson.getBytes(StandardCharsets.UTF_8);
        String msgpack = "92" + "c5" + String.format("%04x", typeBytes.length) + HexFormat.of().formatHex(typeBytes)
                + HexFormat.of().formatHex(msgpackLists(TOO_DEEP));
        assertSaysTooDeep(assertThrows(CodecException.class,
                () -> MsgpackCodec.decode(HexFormat.of().parseHex(msgpack), Type.DYNAMIC)));
    }

    @Test
    void dynamicValuesWrappingDynamicValuesAreBounded() {
        // cty lets a dynamic value declare the type "dynamic" again, so each wrapper is one more level
        String wrapper = "92c409" + HexFormat.of().formatHex("\"dynamic\"".getBytes(StandardCharsets.UTF_8));
        byte[] msgpack = HexFormat.of().parseHex(wrapper.repeat(100_000) + "c0");
        assertSaysTooDeep(assertThrows(CodecException.class, () -> MsgpackCodec.decode(msgpack, Type.DYNAMIC)));
        String string = "92c408" + HexFormat.of().formatHex("\"string\"".getBytes(StandardCharsets.UTF_8));
        Value shallow = MsgpackCodec.decode(HexFormat.of().parseHex(wrapper.repeat(3) + string + "a178"), Type.DYNAMIC);
        assertEquals(Value.string("x"), shallow);

        String open = "{\"type\":\"dynamic\",\"value\":";
        byte[] json = (open.repeat(TOO_DEEP) + "\"x\"" + "}".repeat(TOO_DEEP)).getBytes(StandardCharsets.UTF_8);
        assertSaysTooDeep(assertThrows(CodecException.class, () -> JsonCodec.decode(json, Type.DYNAMIC)));
    }
}
