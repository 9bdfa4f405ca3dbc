package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two clients with the same rate draw from one bucket, as the API counts per source IP. */
class SharedRateLimitTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void clientsWithTheSameRateShareOneBucket() {
        // A rate no other test uses, so the bucket starts full. At 23 a minute the burst is 1 and a token
        // comes every 60/22 s = 2.73 s: slow enough that the real time this test takes hardly matters.
        int rpm = 23;
        long tokenMs = 60_000 / 22;
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711"))
                .willReturn(okJson(TestSupport.sample("get-instance.json"))));
        TestSupport.RecordingSleeper s1 = new TestSupport.RecordingSleeper();
        TestSupport.RecordingSleeper s2 = new TestSupport.RecordingSleeper();
        HyperstackClient a = TestSupport.client(wm.baseUrl()).requestsPerMinute(rpm).sleeper(s1).build();
        HyperstackClient b = TestSupport.client(wm.baseUrl()).requestsPerMinute(rpm).sleeper(s2).build();

        a.getInstance(4711);
        assertEquals(0, s1.waits.size(), "the burst of 1 needs no wait");
        b.getInstance(4711);
        a.getInstance(4711);

        // The recording sleepers do not really wait, so the debt piles up: b one token, a two.
        assertEquals(1, s2.waits.size(), "b waits although it never sent before: the bucket is shared");
        assertEquals(1, s1.waits.size());
        long bWait = s2.waits.get(0).toMillis();
        long aWait = s1.waits.get(0).toMillis();
        assertTrue(bWait > tokenMs - 1500 && bWait <= tokenMs, "b waited " + bWait + " ms");
        assertTrue(aWait - bWait > tokenMs - 300 && aWait - bWait <= tokenMs + 300,
                "a queued one token behind b: " + aWait + " vs " + bWait + " ms");
    }
}
