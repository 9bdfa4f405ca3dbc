package io.tfhyperstack.plugin.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Just enough ASN.1 DER encoding to write one X.509 certificate. The JDK can parse certificates but has
 * no public API to create one, and pulling in BouncyCastle for a few dozen bytes would add hundreds of
 * classes to every start-up.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int BOOLEAN = 0x01;

    private Der() {
    }

    static byte[] tagged(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        writeLength(out, length);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tagged(SEQUENCE, parts);
    }

    static byte[] set(byte[]... parts) {
        return tagged(SET, parts);
    }

    /** A context-specific constructed tag, as X.509 uses for [0] version and [3] extensions. */
    static byte[] explicit(int number, byte[] content) {
        return tagged(0xa0 | number, content);
    }

    static byte[] integer(BigInteger value) {
        return tagged(INTEGER, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(BOOLEAN, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] octetString(byte[] content) {
        return tagged(OCTET_STRING, content);
    }

    /** A bit string whose last {@code unusedBits} bits are padding. */
    static byte[] bitString(int unusedBits, byte[] content) {
        byte[] withPadCount = new byte[content.length + 1];
        withPadCount[0] = (byte) unusedBits;
        System.arraycopy(content, 0, withPadCount, 1, content.length);
        return tagged(BIT_STRING, withPadCount);
    }

    static byte[] utf8(String text) {
        return tagged(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 5280 wants UTCTime up to 2049 and GeneralizedTime from 2050 on. Formatted by hand: the
     * java.time formatters cost more class loading than the whole certificate.
     */
    static byte[] time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(15);
        boolean utcTime = utc.getYear() < 2050;
        if (utcTime) {
            twoDigits(text, utc.getYear() % 100);
        } else {
            text.append(utc.getYear());
        }
        twoDigits(text, utc.getMonthValue());
        twoDigits(text, utc.getDayOfMonth());
        twoDigits(text, utc.getHour());
        twoDigits(text, utc.getMinute());
        twoDigits(text, utc.getSecond());
        text.append('Z');
        return tagged(utcTime ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return tagged(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int seven = (int) (value >>> (7 * i)) & 0x7f;
            out.write(i == 0 ? seven : seven | 0x80);
        }
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = 0;
        for (int rest = length; rest != 0; rest >>>= 8) {
            bytes++;
        }
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
