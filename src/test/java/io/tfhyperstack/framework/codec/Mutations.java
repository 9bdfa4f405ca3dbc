package io.tfhyperstack.framework.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages valid encodings the way a fuzzer does: flipped bits, bytes replaced, deleted or duplicated,
 * input cut short, and tokens of the format spliced in. Valid encodings get past the first byte, so the
 * damage lands deep inside containers where a decoder's bookkeeping is.
 */
final class Mutations {

    private final Random random;
    private final List<byte[]> tokens;

    /** {@code tokens}: byte sequences worth splicing in, such as headers declaring huge sizes. */
    Mutations(long seed, List<byte[]> tokens) {
        this.random = new Random(seed);
        this.tokens = tokens;
    }

    /** One to four mutations applied to a copy of {@code valid}. */
    byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(b);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b) {
        if (b.length == 0) {
            return tokens.get(random.nextInt(tokens.size())).clone();
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                b[at] ^= (byte) (1 << random.nextInt(8));
                return b;
            }
            case 1 -> {
                b[at] = (byte) random.nextInt(256);
                return b;
            }
            case 2 -> {
                return splice(b, at, at, tokens.get(random.nextInt(tokens.size())));
            }
            case 3 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(4));
                return splice(b, at, end, new byte[0]);
            }
            case 4 -> {
                return Arrays.copyOf(b, at);
            }
            case 5 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(16));
                return splice(b, at, at, Arrays.copyOfRange(b, at, end));
            }
            default -> {
                return splice(b, at, at, new byte[] {(byte) random.nextInt(256)});
            }
        }
    }

    /** {@code b} with the bytes from {@code from} to {@code to} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, from);
        out.write(insert, 0, insert.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}
