package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Terraform's msgpack encoding of values (the {@code msgpack} field of a DynamicValue), following cty's
 * {@code cty/msgpack} package:
 *
 * <ul>
 *   <li>null is msgpack nil; unknown is the extension {@code d4 00 00} (fixext1, type 0). When reading,
 *       every extension is an unknown; type 12 carries refinements, of which only "not null" is kept.</li>
 *   <li>objects are maps with exactly one key per attribute, in name order; maps are maps; lists, sets
 *       and tuples are arrays.</li>
 *   <li>numbers are written as an integer when whole and within int64, else as a float64 when that is
 *       exact, else as a decimal string; read from any integer, float or string form.</li>
 *   <li>a value in a slot declared {@code dynamic} is a two-element array {@code [type JSON as bytes,
 *       value]}, unless the value itself is a dynamic null (nil) or unknown (the extension).</li>
 * </ul>
 */
public final class MsgpackCodec {

    private static final MessagePack.UnpackerConfig UNPACKER_CONFIG = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);

    private MsgpackCodec() {
    }

    /** Encodes {@code v} as a value of {@code schemaType}; CodecException when it does not conform. */
    public static byte[] encode(Value v, Type schemaType) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            ValueEncoder.encode(new MsgpackWriter(packer), v, schemaType);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "msgpack encoding failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes msgpack bytes as a value of {@code type}. Any input, however malformed, ends in a value or a
     * CodecException, in memory bounded by the input's length and stack bounded by {@link NestingLimit}.
     */
    public static Value decode(byte[] bytes, Type type) {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException(AttributePath.ROOT, "empty msgpack input");
        }
        try (MsgpackInput in = new MsgpackInput(UNPACKER_CONFIG.newUnpacker(bytes), bytes.length)) {
            Value v = ValueDecoder.decode(MsgpackReader.INSTANCE, in, type);
            if (in.hasNext()) {
                throw new CodecException(AttributePath.ROOT, "unexpected bytes after the value (offset "
                        + in.offset() + " of " + bytes.length + ")");
            }
            return v;
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "malformed msgpack: " + e.getMessage(), e);
        }
    }
}
