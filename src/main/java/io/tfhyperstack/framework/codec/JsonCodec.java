package io.tfhyperstack.framework.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * cty's JSON encoding of values, used for the raw state Terraform hands to UpgradeResourceState and
 * accepted in DynamicValue's {@code json} field.
 *
 * <ul>
 *   <li>objects and maps are JSON objects, lists, sets and tuples JSON arrays, null is {@code null}.</li>
 *   <li>numbers are JSON numbers, read and written as exact decimals (never through double).</li>
 *   <li>a value in a slot declared {@code dynamic} is {@code {"value": ..., "type": <type JSON>}}.</li>
 *   <li>unknown values have no JSON form: encoding one throws.</li>
 * </ul>
 *
 * <p>Decoding is lenient where stored state may lag the schema: an object attribute missing from the
 * JSON decodes as null (state written before the attribute existed), and a JSON attribute the schema
 * doesn't declare is ignored (state written by a schema that had it). Like cty, a string slot also
 * accepts a JSON number or bool, and number and bool slots accept their string spellings.
 */
public final class JsonCodec {

    /**
     * Jackson refuses numbers longer than 1,000 characters by default, but a number this codec writes can
     * be longer (it writes a scale of up to 1,000 plainly: 1e1000 is 1,001 digits), and so can Terraform.
     * A bound stays, so that a hostile input still costs bounded memory and time.
     */
    static final int MAX_NUMBER_LENGTH = 100_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonCodec() {
    }

    /**
     * Decodes cty JSON as a value of {@code type}. Any input, however malformed, ends in a value or a
     * CodecException; Jackson bounds the parse and {@link NestingLimit} the walk.
     */
    public static Value decode(byte[] json, Type type) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CodecException(AttributePath.ROOT, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "cannot read JSON: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            // Jackson's own exception for a number BigDecimal cannot hold, such as 10e2147483648
            throw new CodecException(AttributePath.ROOT, "malformed JSON number: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CodecException(AttributePath.ROOT, "empty JSON input");
        }
        try {
            return ValueDecoder.decode(JsonReader.INSTANCE, root, type);
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** Encodes {@code v} using its own type as the slot type (containers carry their declared types). */
    public static byte[] encode(Value v) {
        return encode(v, v.type());
    }

    /** Encodes {@code v} as a value of {@code type}; CodecException for unknowns or non-conforming values. */
    public static byte[] encode(Value v, Type type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            ValueEncoder.encode(new JsonWriter(g), v, type);
        } catch (IOException e) {
            throw new CodecException(AttributePath.ROOT, "JSON encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
