package io.tfhyperstack.framework.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributePathTest {

    @Test
    void printsLikeTerraform() {
        assertEquals("", AttributePath.ROOT.toString());
        assertEquals("name", AttributePath.ROOT.attribute("name").toString());
        assertEquals("a.b", AttributePath.ROOT.attribute("a").attribute("b").toString());
        assertEquals("list[0]", AttributePath.ROOT.attribute("list").index(0).toString());
        assertEquals("map[\"k\"]", AttributePath.ROOT.attribute("map").key("k").toString());
        assertEquals("rules[2].ports[\"a\\\"b\"].from",
                AttributePath.root("rules").index(2).attribute("ports").key("a\"b").attribute("from").toString());
    }

    @Test
    void extendingReturnsCopies() {
        AttributePath a = AttributePath.root("a");
        AttributePath ab = a.attribute("b");
        assertEquals(1, a.steps().size());
        assertEquals(List.of(new PathStep.AttributeName("a"), new PathStep.AttributeName("b")), ab.steps());
        assertEquals(a, ab.parent());
        assertEquals(AttributePath.ROOT, a.parent());
        assertTrue(ab.startsWith(a));
        assertFalse(a.startsWith(ab));
        assertTrue(AttributePath.ROOT.isRoot());
        assertEquals(new PathStep.AttributeName("b"), ab.lastStep());
        assertThrows(UnsupportedOperationException.class, () -> ab.steps().add(new PathStep.ElementKeyInt(1)));
    }

    @Test
    void equalityIsByStep() {
        assertEquals(AttributePath.root("x").index(1), AttributePath.of(List.of(new PathStep.AttributeName("x"), new PathStep.ElementKeyInt(1))));
        assertEquals(AttributePath.root("x").index(1).hashCode(), AttributePath.root("x").index(1).hashCode());
        assertNotEquals(AttributePath.root("x").index(1), AttributePath.root("x").key("1"));
        assertThrows(IllegalArgumentException.class, () -> AttributePath.root("x").index(-1));
    }
}
