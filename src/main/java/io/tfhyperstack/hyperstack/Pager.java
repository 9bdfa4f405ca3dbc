package io.tfhyperstack.hyperstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a paged listing to its end: the one place that knows when a listing is complete and how items
 * seen twice are told apart. The API pages over live data, so a page may repeat an item of the one
 * before when another is created meanwhile; such repeats are dropped.
 */
final class Pager {
    /** Guards against an API that never returns a short or empty page. */
    static final int MAX_PAGES = 10_000;

    private final int pageSize;

    Pager(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** One page as the API answered it; {@code count} and {@code reportedPageSize} are null when absent. */
    record Page<T>(List<T> items, Integer count, Integer reportedPageSize) {
        Page {
            items = items == null ? List.of() : items;
        }

        static <T> Page<T> empty() {
            return new Page<>(List.of(), null, null);
        }
    }

    /** Fetches page {@code page} (from 1) of {@code pageSize} items. */
    @FunctionalInterface
    interface PageSource<T> {
        Page<T> fetch(int page, int pageSize);
    }

    /**
     * Every item over all pages, in the order first seen. {@code identity} says which items are the
     * same; an item whose identity is null is always kept (and placed after those with one).
     */
    <T> List<T> all(PageSource<T> source, Function<T, Object> identity) {
        Map<Object, T> byIdentity = new LinkedHashMap<>();
        List<T> anonymous = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Page<T> answer = source.fetch(page, pageSize);
            for (T item : answer.items()) {
                if (item == null) {
                    continue;
                }
                Object id = identity.apply(item);
                if (id == null) {
                    anonymous.add(item);
                } else {
                    byIdentity.putIfAbsent(id, item);
                }
            }
            if (isLastPage(answer.items().size(), answer.count(), answer.reportedPageSize(),
                    byIdentity.size() + anonymous.size())) {
                break;
            }
        }
        List<T> all = new ArrayList<>(byIdentity.values());
        all.addAll(anonymous);
        return List.copyOf(all);
    }

    /**
     * A listing ends at the first empty page; when the API reports a total {@code count}, as soon as
     * that many distinct items arrived; otherwise at the first page shorter than the page size (the
     * API's reported {@code page_size} if smaller than ours, in case it caps the size).
     */
    boolean isLastPage(int itemsOnPage, Integer count, Integer reportedPageSize, int collected) {
        if (itemsOnPage == 0) {
            return true;
        }
        if (count != null && count >= 0) {
            return collected >= count;
        }
        int effective = reportedPageSize != null && reportedPageSize > 0 ? Math.min(pageSize, reportedPageSize)
                : pageSize;
        return itemsOnPage < effective;
    }
}
