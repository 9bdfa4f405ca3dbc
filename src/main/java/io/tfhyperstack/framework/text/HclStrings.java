package io.tfhyperstack.framework.text;

import io.tfhyperstack.util.JsonStrings;
/** Strings written the way HCL writes string literals, for messages and attribute paths. */
public final class HclStrings {
    private HclStrings() {
    }

    /** Quotes and escapes, so that keys with quotes, dots or control characters stay unambiguous. */
    public static String quote(String s) {
        // HCL's string escapes are JSON's for everything written here.
        StringBuilder sb = new StringBuilder(s.length() + 2);
        JsonStrings.quote(sb, s);
        return sb.toString();
    }
}
