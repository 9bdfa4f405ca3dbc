package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Byte sequences that once escaped the decoder's contract (an exception other than CodecException, or
 * an allocation sized by a header). Each must now be refused with a CodecException.
 */
class MsgpackMalformedInputTest {

    private static CodecException refused(String hex, Type type) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        return assertThrows(CodecException.class, () -> MsgpackCodec.decode(bytes, type));
    }

    @Test
    void extensionCutShortIsRefused() {
        refused("d4 00", Type.STRING); // fixext1: type byte present, data byte missing
        refused("c7", Type.STRING); // ext8 without its length
        refused("c7 05 0c 81", Type.STRING); // ext8 declaring 5 bytes, 2 present
        refused("d4 00", Type.DYNAMIC);
        refused("91 d5", Type.list(Type.BOOL));
    }

    // A header may declare up to 2^32-1 elements or bytes. Nothing may be allocated from that figure
    // before it is checked against the bytes that are actually left.

    @Test
    void array32LargerThanTheInputIsRefused() {
        assertSaysTooLong(refused("dd 7f ff ff ff", Type.list(Type.STRING)));
        assertSaysTooLong(refused("dd 7f ff ff ff", Type.tuple(java.util.List.of(Type.STRING))));
        refused("dd ff ff ff ff", Type.list(Type.STRING)); // beyond int
        refused("dd ff ff ff ff", Type.DYNAMIC);
        refused("dd 00 00 00 03 c0 c0", Type.list(Type.STRING));
    }

    @Test
    void str32LargerThanTheInputIsRefused() {
        assertSaysTooLong(refused("db 7f ff ff ff", Type.STRING));
        assertSaysTooLong(refused("db 7f ff ff ff", Type.NUMBER));
        refused("db ff ff ff ff", Type.STRING);
        refused("92 c6 7f ff ff ff", Type.DYNAMIC); // bin32 type of a dynamic value
        refused("81 db 7f ff ff ff", Type.map(Type.STRING)); // a map key
    }

    @Test
    void ext32LargerThanTheInputIsRefused() {
        assertSaysTooLong(refused("c9 7f ff ff ff 00", Type.STRING));
        refused("c9 ff ff ff ff 00", Type.STRING);
        refused("c9 7f ff ff ff 0c", Type.STRING);
    }

    @Test
    void map32LargerThanTheInputIsRefused() {
        ObjectType ot = Type.object(java.util.Map.of("a", Type.STRING));
        assertSaysTooLong(refused("df 7f ff ff ff", Type.map(Type.STRING)));
        assertSaysTooLong(refused("df 7f ff ff ff", ot));
        refused("df ff ff ff ff", ot);
        // two bytes per entry at least: one entry fits, two don't
        refused("df 00 00 00 02 a1 61 c0", Type.map(Type.STRING));
    }

    private static void assertSaysTooLong(CodecException e) {
        assertTrue(e.getMessage().contains("bytes left"), e.getMessage());
    }

    @Test
    void neverUsedFormatByteIsRefused() {
        refused("c1", Type.STRING);
        refused("c1", Type.DYNAMIC);
        refused("92 c1 c0", Type.DYNAMIC); // where the type JSON should be
        refused("81 c1 c0", Type.map(Type.STRING)); // where a key should be
    }

    @Test
    void numbersAtTheEdgeOfBigDecimalsScaleAreRefused() {
        // Both parse, but stripping their trailing zeros leaves a scale of Integer.MIN_VALUE or beyond
        // it: hashing one (in a set) overflowed, and printing one (to order a set of lists) had no end.
        refused(str("1000e2147483646"), Type.set(Type.NUMBER));
        refused("92 91 " + str("100e2147483646") + " 91 01", Type.set(Type.list(Type.NUMBER)));
        refused(str("1e-2147483647"), Type.NUMBER);
    }

    private static String str(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(new byte[] {(byte) (0xa0 | b.length)}) + HexFormat.of().formatHex(b);
    }
}
