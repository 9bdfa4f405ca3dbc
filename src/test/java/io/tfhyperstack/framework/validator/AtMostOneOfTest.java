package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtMostOneOfTest {
    private static final ObjectType TYPE = Type.object(Map.of("a", Type.STRING, "b", Type.STRING));
    private final AtMostOneOf rule = AtMostOneOf.of("a", "b");

    private Diagnostics check(Value a, Value b) {
        Diagnostics d = new Diagnostics();
        rule.validate(Value.object(TYPE, Map.of("a", a, "b", b)), d);
        return d;
    }

    @Test
    void noneOrOneIsFine() {
        assertFalse(check(Value.nullOf(Type.STRING), Value.nullOf(Type.STRING)).hasErrors());
        assertFalse(check(Value.string("x"), Value.nullOf(Type.STRING)).hasErrors());
        assertFalse(check(Value.nullOf(Type.STRING), Value.unknown(Type.STRING)).hasErrors());
        // an unknown value may turn out null once known: only known values conflict
        assertFalse(check(Value.string("x"), Value.unknown(Type.STRING)).hasErrors());
    }

    @Test
    void bothIsAnErrorOnTheSecondThatNamesTheFirst() {
        Diagnostics d = check(Value.string("first-value"), Value.string("second-value"));
        assertEquals(1, d.list().size(), d.toString());
        assertEquals(AttributePath.ROOT.attribute("b"), d.list().get(0).path());
        assertTrue(d.list().get(0).detail().startsWith("b cannot be set together with a:"), d.list().get(0).detail());
        assertFalse(d.list().get(0).detail().contains("-value"),
                "values are never repeated");
    }
}
