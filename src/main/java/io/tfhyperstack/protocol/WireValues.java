package io.tfhyperstack.protocol;

import com.google.protobuf.ByteString;
import io.tfhyperstack.framework.codec.JsonCodec;
import io.tfhyperstack.framework.codec.MsgpackCodec;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.DynamicValue;

/** DynamicValue on the wire and framework values, in both directions. */
final class WireValues {
    private WireValues() {
    }

    /** Terraform sends msgpack; JSON is accepted too. An empty DynamicValue means no object. */
    static Value decode(DynamicValue wire, Type type) {
        if (wire == null) {
            return Value.nullOf(type);
        }
        if (!wire.getMsgpack().isEmpty()) {
            return MsgpackCodec.decode(wire.getMsgpack().toByteArray(), type);
        }
        if (!wire.getJson().isEmpty()) {
            return JsonCodec.decode(wire.getJson().toByteArray(), type);
        }
        return Value.nullOf(type);
    }

    static DynamicValue encode(Value value, Type type) {
        return DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type)))
                .build();
    }
}
