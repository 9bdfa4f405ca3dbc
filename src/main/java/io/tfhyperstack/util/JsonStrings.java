package io.tfhyperstack.util;

/**
 * JSON string literals, written by hand: what needs them (cty type JSON in the schema answer, log
 * lines) runs during start-up, where loading a JSON library or java.util.Formatter for a few quotes
 * would cost more than the rest of the work.
 */
public final class JsonStrings {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /**
     * Appends {@code text} quoted and escaped. Control characters become {@code \\uXXXX}, and so do
     * U+2028/U+2029, which JSON allows raw but JavaScript-minded readers do not.
     */
    public static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
