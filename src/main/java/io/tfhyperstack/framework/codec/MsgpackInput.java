package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import java.io.IOException;
import java.math.BigInteger;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * msgpack bytes being read, with every size a header declares checked against the bytes that are left
 * before anything is allocated from it. A header of five bytes may declare two billion elements or a
 * two-gigabyte string; msgpack-core allocates what it is told, so the check has to come first. Each
 * element takes at least one byte and each map entry two, which makes the check exact enough to bound
 * memory by the input's own length. msgpack-core's own unchecked exceptions (input cut short, sizes
 * beyond an int, bytes that are no format) become CodecException at the path being read.
 */
final class MsgpackInput implements AutoCloseable {

    private final MessageUnpacker unpacker;
    private final long length;

    MsgpackInput(MessageUnpacker unpacker, long length) {
        this.unpacker = unpacker;
        this.length = length;
    }

    long offset() {
        return unpacker.getTotalReadBytes();
    }

    boolean hasNext() throws IOException {
        return unpacker.hasNext();
    }

    /** The kind of the next value, without reading it. */
    ValueType next(AttributePath path) throws IOException {
        if (!unpacker.hasNext()) {
            throw new CodecException(path, "msgpack input ends too early");
        }
        // the byte c1 is no format at all: msgpack-core refuses it only when asked for its kind
        return read(path, () -> unpacker.getNextFormat().getValueType());
    }

    void nil(AttributePath path) throws IOException {
        read(path, () -> {
            unpacker.unpackNil();
            return null;
        });
    }

    boolean bool(AttributePath path) throws IOException {
        return read(path, unpacker::unpackBoolean);
    }

    BigInteger integer(AttributePath path) throws IOException {
        return read(path, unpacker::unpackBigInteger);
    }

    double floating(AttributePath path) throws IOException {
        return read(path, unpacker::unpackDouble);
    }

    int arrayHeader(AttributePath path) throws IOException {
        int n = read(path, unpacker::unpackArrayHeader);
        require(n, 1, "array", "elements", path);
        return n;
    }

    int mapHeader(AttributePath path) throws IOException {
        int n = read(path, unpacker::unpackMapHeader);
        require(n, 2, "map", "entries", path);
        return n;
    }

    /** The bytes of a str value. */
    byte[] stringPayload(AttributePath path) throws IOException {
        int n = read(path, unpacker::unpackRawStringHeader);
        require(n, 1, "string", "bytes", path);
        return payload(n, path);
    }

    /** The bytes of a bin value. */
    byte[] binaryPayload(AttributePath path) throws IOException {
        int n = read(path, unpacker::unpackBinaryHeader);
        require(n, 1, "binary", "bytes", path);
        return payload(n, path);
    }

    /** An extension value: its type code and payload. */
    Extension extension(AttributePath path) throws IOException {
        ExtensionTypeHeader header = read(path, unpacker::unpackExtensionTypeHeader);
        require(header.getLength(), 1, "extension", "bytes", path);
        return new Extension(header.getType(), payload(header.getLength(), path));
    }

    @SuppressWarnings("ArrayRecordComponent") // a value read once and passed on; never compared or hashed
    record Extension(byte type, byte[] payload) {
    }

    private byte[] payload(int n, AttributePath path) throws IOException {
        return read(path, () -> unpacker.readPayload(n));
    }

    private void require(int declared, int bytesEach, String what, String units, AttributePath path) {
        long left = length - unpacker.getTotalReadBytes();
        if (declared < 0 || (long) declared * bytesEach > left) {
            throw new CodecException(path, "a msgpack " + what + " header declares " + Integer.toUnsignedString(declared)
                    + " " + units + ", more than the " + left + " bytes left");
        }
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T read(AttributePath path, Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (MessagePackException e) {
            throw new CodecException(path, "malformed msgpack: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        unpacker.close();
    }
}
