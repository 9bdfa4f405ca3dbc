package io.tfhyperstack.framework.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

class CodecPropertiesTest {

    @Property(tries = 1000)
    void msgpackRoundTripsAnyValue(@ForAll long seed) {
        Generated gen = new Generated(seed, true);
        Type type = gen.type(4);
        Value v = gen.value(type, 4);
        Value back = MsgpackCodec.decode(MsgpackCodec.encode(v, type), type);
        assertEquals(v, back, () -> "type " + type + "\nvalue " + v + "\nback  " + back);
    }

    @Property(tries = 1000)
    void jsonRoundTripsWhollyKnownValues(@ForAll long seed) {
        Generated gen = new Generated(seed, false);
        Type type = gen.type(4);
        Value v = gen.value(type, 4);
        Value back = JsonCodec.decode(JsonCodec.encode(v, type), type);
        assertEquals(v, back, () -> "type " + type + "\nvalue " + v + "\nback  " + back);
    }

    @Property(tries = 500)
    void typeJsonRoundTrips(@ForAll long seed) {
        Type type = new Generated(seed, false).type(5);
        assertEquals(type, Type.fromJson(type.toJson()));
    }

    @Property(tries = 500)
    void numbersSurviveBothCodecsExactly(@ForAll @BigRange(min = "-1e30", max = "1e30") @Scale(12) BigDecimal n) {
        Value v = Value.number(n);
        assertEquals(0, MsgpackCodec.decode(MsgpackCodec.encode(v, Type.NUMBER), Type.NUMBER).asNumber().compareTo(n));
        assertEquals(0, JsonCodec.decode(JsonCodec.encode(v), Type.NUMBER).asNumber().compareTo(n));
    }

    @Property(tries = 300)
    void setOrderDoesNotChangeEncoding(@ForAll long seed) {
        Generated gen = new Generated(seed, true);
        Type element = gen.type(2);
        Value set = gen.value(Type.set(element), 3);
        if (set.isNullOrUnknown()) {
            return;
        }
        java.util.List<Value> reversed = new java.util.ArrayList<>(set.elements());
        java.util.Collections.reverse(reversed);
        Value again = Value.set(element, reversed);
        assertEquals(set, again);
        assertEquals(set.hashCode(), again.hashCode());
    }
}
