package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.Type;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * How one wire format writes values, as {@link ValueEncoder}'s walk over types hands them over, in
 * order: a container's start, its elements (a map's or object's as key then value), its end.
 */
interface WireWriter {

    void writeNull() throws IOException;

    /** Writes an unknown value, or throws CodecException when the format has no form for one. */
    void writeUnknown(AttributePath path) throws IOException;

    void writeString(String s) throws IOException;

    void writeNumber(BigDecimal n) throws IOException;

    void writeBool(boolean b) throws IOException;

    void startArray(int size) throws IOException;

    void endArray() throws IOException;

    void startMap(int size) throws IOException;

    void writeKey(String key) throws IOException;

    void endMap() throws IOException;

    /** Opens a value in a dynamic slot, whose own type is {@code type}; its value follows. */
    void startDynamic(Type type) throws IOException;

    void endDynamic(Type type) throws IOException;
}
