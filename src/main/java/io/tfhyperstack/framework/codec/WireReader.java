package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * How one wire format holds values, as {@link ValueDecoder}'s walk over types asks for them. {@code N}
 * is where a value sits: a node of a parsed tree, or a stream whose next value is the one meant, in
 * which case the walk's calls come in the order the values appear. Every method either reads the value
 * it is asked for or throws CodecException at {@code path}.
 */
interface WireReader<N> {

    /** True when the value at {@code node} is unknown; nothing is consumed. */
    boolean isUnknown(N node, AttributePath path) throws IOException;

    /** Reads an unknown value of {@code type}, keeping what the format says about it. */
    Value readUnknown(N node, Type type, AttributePath path) throws IOException;

    /** Reads a null and answers true, or answers false and consumes nothing. */
    boolean readNull(N node, AttributePath path) throws IOException;

    /** Reads the type a value in a dynamic slot declares, and answers where the value itself is. */
    Dynamic<N> readDynamic(N node, AttributePath path) throws IOException;

    String readString(N node, AttributePath path) throws IOException;

    BigDecimal readNumber(N node, AttributePath path) throws IOException;

    boolean readBool(N node, AttributePath path) throws IOException;

    /** The elements of a list, set or tuple; {@code what} names the kind for messages ("a list"). */
    Elements<N> readArray(N node, String what, AttributePath path) throws IOException;

    /** The entries of a map. */
    Entries<N> readMap(N node, AttributePath path) throws IOException;

    /**
     * The attributes of an object. The walk requires each of {@code type}'s attributes exactly once and
     * refuses any other, so a format that is lenient about either says so here.
     */
    Entries<N> readObject(N node, ObjectType type, AttributePath path) throws IOException;

    /** A dynamic value's own type, and where its value is. */
    record Dynamic<N>(Type type, N value) {
    }

    /** Elements read in order: {@link #size()} calls of {@link #next()}. */
    interface Elements<N> {
        int size();

        N next();
    }

    /** Entries read in order: {@link #size()} times a {@link #nextKey} followed by its {@link #value()}. */
    interface Entries<N> {
        int size();

        String nextKey(AttributePath path) throws IOException;

        N value();
    }
}
