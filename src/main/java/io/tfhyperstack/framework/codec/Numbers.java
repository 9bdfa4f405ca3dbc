package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import java.math.BigDecimal;

/** Number checks and formatting shared by the codecs. */
final class Numbers {

    /**
     * The largest scale, either way, of a number the decoders accept. BigDecimal's scale is an int, and
     * near its ends the operations values rely on overflow: stripping the zeros of 1000e2147483646 (to
     * hash it) throws ArithmeticException, and 100e2147483646 strips to a scale whose absolute value is
     * negative. cty holds numbers as Go big.Float, whose binary exponent is an int32, so Terraform never
     * sends a decimal exponent beyond about 646 million either way: a billion refuses nothing real.
     */
    static final int MAX_SCALE = 1_000_000_000;

    private Numbers() {
    }

    /** {@code n} when its scale is within {@link #MAX_SCALE}, else a CodecException. */
    static BigDecimal checked(BigDecimal n, AttributePath path) {
        if (Math.abs((long) n.scale()) > MAX_SCALE) {
            throw new CodecException(path, "number out of range: its exponent is beyond " + MAX_SCALE + " either way");
        }
        return n;
    }

    /**
     * A decimal string that cty's number parser reads back exactly: plain notation like cty's own
     * {@code Text('f', -1)}, except for extreme exponents where plain notation would be megabytes long
     * (Go's parser also accepts the exponent form).
     */
    static String decimalString(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return Math.abs((long) s.scale()) > 1000 ? s.toString() : s.toPlainString();
    }

    /** The long value when the number is integral and fits, else null. */
    static Long exactLong(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() > 0 || (long) s.precision() - s.scale() > 19) {
            return null;
        }
        try {
            return s.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The double when it represents the number exactly, else null. */
    static Double exactDouble(BigDecimal n) {
        double d = n.doubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            return null;
        }
        return new BigDecimal(d).compareTo(n) == 0 ? d : null;
    }
}
