package io.tfhyperstack.hyperstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Listing to the end, over a source of pages the test writes; no HTTP. */
class PagerTest {
    private final List<Integer> fetched = new ArrayList<>();

    /** {@code total} numbered items served {@code served} a page, the count reported when {@code withCount}. */
    private Pager.PageSource<String> numbered(int total, int served, boolean withCount) {
        return (page, size) -> {
            fetched.add(page);
            int from = Math.min(total, (page - 1) * served);
            int to = Math.min(total, page * served);
            List<String> items = IntStream.range(from, to).mapToObj(i -> "item-" + i).toList();
            return new Pager.Page<>(items, withCount ? total : null, served);
        };
    }

    private static Object itself(String s) {
        return s;
    }

    @Test
    void readsEveryPageUntilTheCountIsReached() {
        List<String> all = new Pager(10).all(numbered(25, 10, true), PagerTest::itself);
        assertEquals(25, all.size());
        assertEquals("item-0", all.get(0));
        assertEquals("item-24", all.get(24));
        assertEquals(List.of(1, 2, 3), fetched);
    }

    @Test
    void withoutACountAShortPageEndsIt() {
        assertEquals(25, new Pager(10).all(numbered(25, 10, false), PagerTest::itself).size());
        assertEquals(List.of(1, 2, 3), fetched);
    }

    @Test
    void withoutACountAnExactMultipleEndsAtTheEmptyPage() {
        assertEquals(20, new Pager(10).all(numbered(20, 10, false), PagerTest::itself).size());
        assertEquals(List.of(1, 2, 3), fetched);
    }

    @Test
    void aSourceThatServesSmallerPagesThanAskedIsFollowedToTheEnd() {
        // Asked for 100 a page, the source serves 7 and says so: 7-item pages are not the end.
        assertEquals(50, new Pager(100).all(numbered(50, 7, false), PagerTest::itself).size());
        assertEquals(8, fetched.size());
    }

    @Test
    void repeatsAreDroppedAndItemsWithoutIdentityKeptAfterTheRest() {
        Pager.PageSource<String> source = (page, size) -> switch (page) {
            case 1 -> new Pager.Page<>(Arrays.asList("a", "?x", null), 5, 3);
            case 2 -> new Pager.Page<>(List.of("a", "b", "?y"), 5, 3);
            default -> Pager.Page.empty();
        };
        List<String> all = new Pager(3).all(source, s -> s.startsWith("?") ? null : s);
        assertEquals(List.of("a", "b", "?x", "?y"), all);
    }

    @Test
    void anApiThatNeverEndsAPageIsCutOff() {
        Pager.PageSource<String> endless = (page, size) -> {
            fetched.add(page);
            return new Pager.Page<>(List.of("same"), null, 1);
        };
        assertEquals(List.of("same"), new Pager(1).all(endless, PagerTest::itself));
        assertEquals(Pager.MAX_PAGES, fetched.size());
    }
}
