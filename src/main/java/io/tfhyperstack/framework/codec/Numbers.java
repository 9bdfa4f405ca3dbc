package io.tfhyperstack.framework.codec;

import java.math.BigDecimal;

/** Number formatting shared by the codecs. */
final class Numbers {

    private Numbers() {
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
