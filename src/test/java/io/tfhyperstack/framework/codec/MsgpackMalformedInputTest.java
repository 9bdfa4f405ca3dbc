package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
