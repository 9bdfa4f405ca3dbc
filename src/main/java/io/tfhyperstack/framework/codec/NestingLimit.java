package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;

/**
 * How deep a decoded value may nest. The decoders recurse once per level, and a dynamic value brings its
 * own type from the input, so without a bound a few kilobytes of nested arrays or of dynamic values
 * declaring "dynamic" again would end in StackOverflowError. Terraform values follow schemas whose
 * blocks nest a handful of levels; even a dynamic attribute holding decoded JSON is rarely a dozen deep.
 * 128 levels leaves room for any real value while keeping the stack a decode needs small.
 */
final class NestingLimit {

    /**
     * Levels below the root: each container element, map entry, attribute or dynamic wrapper is one. A
     * null or unknown ends the nesting and is not counted, so an object at the limit may still have
     * attributes that are null (or, in JSON, absent).
     */
    static final int MAX_DEPTH = 128;

    private NestingLimit() {
    }

    static void check(int depth, AttributePath path) {
        if (depth > MAX_DEPTH) {
            throw new CodecException(path, "value nested more than " + MAX_DEPTH + " levels deep");
        }
    }
}
