package io.tfhyperstack.framework.codec;

import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random types and values for the property tests, driven by a seed that jqwik supplies (and reports
 * when a property fails, so a failure can be replayed).
 */
final class Generated {

    private static final String[] NAMES = {"a", "b", "id", "name", "tags", "x_y", "ünï", ""};
    private static final String[] STRINGS = {"", "x", "hello world", "ünïcödé", "日本語", "emoji 🚀", "quote\"back\\slash",
            "new\nline", "\u0000nul", "tab\t"};
    private static final String[] NUMBERS = {"0", "1", "-1", "127", "128", "-32", "-33", "255", "65536",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "0.1", "0.5", "-2.25", "3.14159265358979323846264338327950288419716939937510",
            "1e400", "-1e-400", "123456789012345678901234567890.000000000000000000001", "1.7976931348623157e308",
            "4.9e-324", "1e21", "100.000"};

    private final Random random;
    private final boolean unknowns;

    Generated(long seed, boolean unknowns) {
        this.random = new Random(seed);
        this.unknowns = unknowns;
    }

    Type type(int depth) {
        int pick = random.nextInt(depth <= 0 ? 4 : 10);
        switch (pick) {
            case 0: return Type.STRING;
            case 1: return Type.NUMBER;
            case 2: return Type.BOOL;
            case 3: return Type.DYNAMIC;
            case 4: return Type.list(type(depth - 1));
            case 5: return Type.set(type(depth - 1));
            case 6: return Type.map(type(depth - 1));
            case 7:
            case 8: {
                Map<String, Type> attrs = new HashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    attrs.put(NAMES[random.nextInt(NAMES.length)], type(depth - 1));
                }
                return Type.object(attrs);
            }
            default: {
                List<Type> elems = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    elems.add(type(depth - 1));
                }
                return Type.tuple(elems);
            }
        }
    }

    Value value(Type type, int depth) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return Value.nullOf(type);
        }
        if (roll == 1 && unknowns) {
            return Value.unknown(type, random.nextBoolean());
        }
        if (type == Type.STRING) {
            return Value.string(string());
        } else if (type == Type.NUMBER) {
            return Value.number(number());
        } else if (type == Type.BOOL) {
            return Value.bool(random.nextBoolean());
        } else if (type == Type.DYNAMIC) {
            // a known value in a dynamic slot has a concrete type of its own
            Type concrete;
            do {
                concrete = type(Math.max(0, depth - 1));
            } while (concrete == Type.DYNAMIC);
            return value(concrete, depth - 1);
        } else if (type instanceof ListType lt) {
            return Value.list(lt.element(), elements(lt.element(), depth));
        } else if (type instanceof SetType st) {
            return Value.set(st.element(), elements(st.element(), depth));
        } else if (type instanceof MapType mt) {
            Map<String, Value> m = new HashMap<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                m.put(random.nextBoolean() ? NAMES[random.nextInt(NAMES.length)] : string(), value(mt.element(), depth - 1));
            }
            return Value.map(mt.element(), m);
        } else if (type instanceof ObjectType ot) {
            Map<String, Value> m = new HashMap<>();
            ot.attributes().forEach((k, t) -> m.put(k, value(t, depth - 1)));
            return Value.object(ot, m);
        } else {
            TupleType tt = (TupleType) type;
            List<Value> elems = new ArrayList<>();
            for (Type t : tt.elements()) {
                elems.add(value(t, depth - 1));
            }
            return Value.tuple(tt, elems);
        }
    }

    private List<Value> elements(Type element, int depth) {
        List<Value> out = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(value(element, depth - 1));
        }
        return out;
    }

    private String string() {
        if (random.nextBoolean()) {
            return STRINGS[random.nextInt(STRINGS.length)];
        }
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = random.nextInt(3) == 0 ? random.nextInt(0x10FFFF + 1) : random.nextInt(0x800);
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private BigDecimal number() {
        switch (random.nextInt(5)) {
            case 0: return new BigDecimal(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 1: return BigDecimal.valueOf(random.nextLong());
            case 2: {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                return new BigDecimal(d);
            }
            case 3: return new BigDecimal(new BigInteger(200, random), random.nextInt(80) - 40).negate();
            default: return BigDecimal.valueOf(random.nextInt(2000) - 1000, random.nextInt(4));
        }
    }
}
