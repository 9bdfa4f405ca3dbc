package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tfhyperstack.hyperstack.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing over pages: several, an exact multiple of the page size, empty, a server that caps the size. */
class PaginationTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final int P = HyperstackClient.PAGE_SIZE;
    static final String VMS = "/v1/core/virtual-machines";

    /** Stubs pages of {@code total} instances served {@code servedPageSize} at a time. */
    static void stubInstances(WireMockExtension wm, int total, int servedPageSize, boolean withCount) {
        List<ObjectNode> all = new ArrayList<>();
        LongStream.rangeClosed(1, total).forEach(id -> all.add(TestSupport.instanceJson(id, "ACTIVE")));
        int pages = total / servedPageSize + 2;
        for (int page = 1; page <= pages; page++) {
            int from = Math.min(total, (page - 1) * servedPageSize);
            int to = Math.min(total, page * servedPageSize);
            wm.stubFor(get(urlPathEqualTo(VMS)).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson(TestSupport.listPage(all.subList(from, to), page, servedPageSize,
                            withCount ? total : -1))));
        }
    }

    private List<Instance> list() {
        return TestSupport.client(wm.baseUrl()).build().listInstances();
    }

    private int listRequests() {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(VMS)).build()).getCount();
    }

    @Test
    void severalPagesWithCount() {
        stubInstances(wm, 2 * P + 7, P, true);
        List<Instance> all = list();
        assertEquals(2 * P + 7, all.size());
        assertEquals(1, all.get(0).id());
        assertEquals(2 * P + 7, all.get(all.size() - 1).id());
        assertEquals(3, listRequests());
        wm.verify(getRequestedFor(urlPathEqualTo(VMS)).withQueryParam("pageSize", equalTo(Integer.toString(P))));
    }

    @Test
    void severalPagesWithoutCountStopAtTheShortPage() {
        stubInstances(wm, P + 1, P, false);
        assertEquals(P + 1, list().size());
        assertEquals(2, listRequests());
    }

    @Test
    void exactMultipleWithCountNeedsNoExtraRequest() {
        stubInstances(wm, 2 * P, P, true);
        assertEquals(2 * P, list().size());
        assertEquals(2, listRequests());
    }

    @Test
    void exactMultipleWithoutCountEndsAtTheEmptyPage() {
        stubInstances(wm, 2 * P, P, false);
        assertEquals(2 * P, list().size());
        assertEquals(3, listRequests());
    }

    @Test
    void empty() {
        stubInstances(wm, 0, P, true);
        assertTrue(list().isEmpty());
        assertEquals(1, listRequests());
        wm.resetAll();
        stubInstances(wm, 0, P, false);
        assertTrue(list().isEmpty());
        assertEquals(1, listRequests());
    }

    @Test
    void aServerThatCapsThePageSizeIsFollowed() {
        // Asked for P, the server serves 30 and says so in page_size; no count.
        stubInstances(wm, 75, 30, false);
        assertEquals(75, list().size());
        assertEquals(3, listRequests());
    }

    @Test
    void duplicatesFromShiftingPagesAreDropped() {
        List<ObjectNode> page1 = new ArrayList<>();
        LongStream.rangeClosed(1, P).forEach(id -> page1.add(TestSupport.instanceJson(id, "ACTIVE")));
        // A machine was created meanwhile: page 2 repeats the last of page 1.
        List<ObjectNode> page2 = List.of(TestSupport.instanceJson(P, "ACTIVE"), TestSupport.instanceJson(P + 1, "ACTIVE"));
        wm.stubFor(get(urlPathEqualTo(VMS)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(TestSupport.listPage(page1, 1, P, P + 2))));
        wm.stubFor(get(urlPathEqualTo(VMS)).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(TestSupport.listPage(page2, 2, P, P + 2))));
        wm.stubFor(get(urlPathEqualTo(VMS)).withQueryParam("page", equalTo("3"))
                .willReturn(okJson(TestSupport.listPage(List.of(), 3, P, P + 2))));
        List<Instance> all = list();
        assertEquals(P + 1, all.size());
        assertEquals(all.size(), all.stream().map(Instance::id).distinct().count());
    }

    @Test
    void lastPageRule() {
        Pager pager = new Pager(P);
        assertTrue(pager.isLastPage(0, null, null, 0));
        assertTrue(pager.isLastPage(5, 5, P, 5));
        assertFalse(pager.isLastPage(5, 9, P, 5), "count not reached: a short page is not the end");
        assertTrue(pager.isLastPage(5, null, P, 5));
        assertFalse(pager.isLastPage(30, null, 30, 30));
        assertFalse(pager.isLastPage(P, null, null, P));
    }
}
