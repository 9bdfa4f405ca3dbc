package io.tfhyperstack.framework.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tfhyperstack.framework.types.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sets whose elements all share one hash: building and comparing them must stay near-linear. Each
 * string is 16 pairs of "Aa" or "BB" (two pairs with the same String hash), so all 65,536 share a hash.
 * Grouping elements by hash alone compares each new element with all earlier ones: about two billion
 * comparisons here, minutes of work, against well under a second when grouped well. The bound is wide
 * on purpose; it separates those two, not fast from slow machines.
 */
class SetCollisionTest {
    private static final int PAIRS = 16;

    private static List<Value> collidingStrings() {
        List<Value> out = new ArrayList<>(1 << PAIRS);
        for (int bits = 0; bits < 1 << PAIRS; bits++) {
            StringBuilder sb = new StringBuilder(PAIRS * 2);
            for (int i = 0; i < PAIRS; i++) {
                sb.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            out.add(Value.string(sb.toString()));
        }
        return out;
    }

    @Test
    void collidingHashesStillDedupeAndCompareQuickly() {
        List<Value> elements = collidingStrings();
        assertEquals(1, elements.stream().map(Value::hashCode).distinct().count(), "the hashes must all collide");
        List<Value> withDuplicates = new ArrayList<>(elements);
        withDuplicates.addAll(elements.subList(0, 1000));
        Collections.shuffle(withDuplicates, new Random(7));
        List<Value> reversed = new ArrayList<>(elements);
        Collections.reverse(reversed);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Value a = Value.set(Type.STRING, withDuplicates);
            Value b = Value.set(Type.STRING, reversed);
            assertEquals(elements.size(), a.size());
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            Value fewer = Value.set(Type.STRING, elements.subList(1, elements.size()));
            assertNotEquals(a, fewer);
        });
    }

    @Test
    void equalSetsOfSetsMatchWhateverTheOrder() {
        Value x = Value.set(Type.STRING, List.of(Value.string("a"), Value.string("b")));
        Value y = Value.set(Type.STRING, List.of(Value.string("c")));
        Value xAgain = Value.set(Type.STRING, List.of(Value.string("b"), Value.string("a")));
        Value outer = Value.set(Type.set(Type.STRING), List.of(x, y, xAgain));
        assertEquals(2, outer.size());
        assertEquals(outer, Value.set(Type.set(Type.STRING), List.of(y, x)));
        assertNotEquals(outer, Value.set(Type.set(Type.STRING), List.of(y, Value.set(Type.STRING, List.of(Value.string("a"))))));
    }

    @Test
    void refinementsTakeNoPartInSetEquality() {
        Value plain = Value.list(Type.STRING, List.of(Value.unknown(Type.STRING), Value.string("z")));
        Value refined = Value.list(Type.STRING, List.of(Value.unknown(Type.STRING, true), Value.string("z")));
        Value other = Value.list(Type.STRING, List.of(Value.string("a")));
        assertEquals(Value.set(Type.list(Type.STRING), List.of(plain, other)),
                Value.set(Type.list(Type.STRING), List.of(other, refined)));
    }
}
