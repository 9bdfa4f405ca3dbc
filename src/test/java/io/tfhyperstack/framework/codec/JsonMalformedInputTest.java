package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfhyperstack.framework.types.Type;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON that once escaped the decoder's contract; each must now be refused with a CodecException. */
class JsonMalformedInputTest {

    private static void refused(String json, Type type) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(CodecException.class, () -> JsonCodec.decode(bytes, type));
    }

    @Test
    void numbersBeyondBigDecimalsScaleAreRefused() {
        // Jackson reports an exponent beyond BigDecimal's scale as NumberFormatException
        refused("10e2147483648", Type.NUMBER);
        refused("[10e2147483648]", Type.list(Type.STRING));
    }

    @Test
    void numbersAtTheEdgeOfBigDecimalsScaleAreRefused() {
        // Both parse, but stripping their trailing zeros leaves a scale of Integer.MIN_VALUE or beyond
        // it: hashing one (in a set) overflowed, and printing one (to order a set of lists) had no end.
        refused("[1000e2147483646]", Type.set(Type.NUMBER));
        refused("1000e2147483646", Type.STRING);
        refused("[[100e2147483646],[1]]", Type.set(Type.list(Type.NUMBER)));
        refused("\"1000e2147483646\"", Type.NUMBER);
        refused("1e-2147483647", Type.NUMBER);
    }
}
