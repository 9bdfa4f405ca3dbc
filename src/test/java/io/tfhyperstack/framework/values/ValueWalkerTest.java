package io.tfhyperstack.framework.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueWalkerTest {

    static final ObjectType RULE = Type.object(Map.of("port", Type.NUMBER, "id", Type.STRING));
    static final ObjectType RES = Type.object(Map.of(
            "name", Type.STRING,
            "id", Type.STRING,
            "rules", Type.list(RULE),
            "labels", Type.map(Type.STRING),
            "nested", Type.object(Map.of("inner", Type.STRING))));

    static Value sample() {
        return Value.object(RES, Map.of(
                "name", Value.string("vm"),
                "rules", Value.list(RULE, List.of(Value.object(RULE, Map.of("port", Value.number(22))))),
                "labels", Value.map(Type.STRING, Map.of("env", Value.string("dev")))));
    }

    @Test
    void walkVisitsEveryValueParentsFirst() {
        List<String> seen = new ArrayList<>();
        sample().walk((path, v) -> seen.add(path + "=" + v));
        assertEquals(List.of(
                "=" + sample(),
                "id=null",
                "labels={\"env\" = \"dev\"}",
                "labels[\"env\"]=\"dev\"",
                "name=\"vm\"",
                "nested=null",
                "rules=[{id = null, port = 22}]",
                "rules[0]={id = null, port = 22}",
                "rules[0].id=null",
                "rules[0].port=22"), seen);
    }

    @Test
    void transformMarksComputedNullsUnknown() {
        // the plan engine's typical use: every null "id" at any depth becomes unknown
        Value planned = sample().transform((path, v) -> {
            if (v.isNull() && path.lastStep() instanceof io.tfhyperstack.framework.diag.PathStep.AttributeName a
                    && a.name().equals("id")) {
                return Value.unknown(v.type());
            }
            return v;
        });
        assertEquals(Value.unknown(Type.STRING), planned.attribute("id"));
        assertEquals(Value.unknown(Type.STRING), planned.at(AttributePath.root("rules").index(0).attribute("id")));
        assertEquals(Value.string("vm"), planned.attribute("name"));
        assertEquals(Value.nullOf(RES.attributeType("nested")), planned.attribute("nested"));
    }

    @Test
    void transformIsPostOrder() {
        List<String> order = new ArrayList<>();
        sample().transform((path, v) -> {
            order.add(path.toString());
            return v;
        });
        assertEquals("", order.get(order.size() - 1));
        assertEquals(order.indexOf("rules[0].port") < order.indexOf("rules[0]"), true);
        assertEquals(order.indexOf("rules[0]") < order.indexOf("rules"), true);
    }

    @Test
    void transformRejectsIllTypedReplacements() {
        assertThrows(IllegalArgumentException.class, () -> sample().transform((path, v) ->
                path.toString().equals("name") ? Value.number(1) : v));
    }

    @Test
    void atIsNullSafe() {
        Value s = sample();
        assertEquals(Value.string("vm"), s.at(AttributePath.root("name")));
        assertEquals(Value.number(22), s.at(AttributePath.root("rules").index(0).attribute("port")));
        assertEquals(Value.string("dev"), s.at(AttributePath.root("labels").key("env")));
        assertEquals(Value.nullOf(Type.STRING), s.at(AttributePath.root("labels").key("missing")));
        assertEquals(Value.nullOf(RULE), s.at(AttributePath.root("rules").index(5)));
        assertEquals(Value.nullOf(Type.STRING), s.at(AttributePath.root("nested").attribute("inner")));
        Value withUnknown = s.withAttribute("nested", Value.unknown(RES.attributeType("nested")));
        assertEquals(Value.unknown(Type.STRING), withUnknown.at(AttributePath.root("nested").attribute("inner")));
        assertEquals(s, s.at(AttributePath.ROOT));
    }

    @Test
    void atRejectsStepsThatDoNotFitTheType() {
        Value s = sample();
        assertThrows(IllegalArgumentException.class, () -> s.at(AttributePath.root("nope")));
        assertThrows(IllegalArgumentException.class, () -> s.at(AttributePath.root("rules").attribute("port")));
        assertThrows(IllegalArgumentException.class, () -> s.at(AttributePath.root("labels").index(0)));
        assertThrows(IllegalArgumentException.class, () -> s.at(AttributePath.root("name").key("x")));
        // the type is checked even below a null
        assertThrows(IllegalArgumentException.class, () -> s.at(AttributePath.root("nested").attribute("nope")));
    }
}
