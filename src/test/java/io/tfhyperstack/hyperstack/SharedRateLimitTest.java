package io.tfhyperstack.hyperstack;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two clients with the same rate draw from one bucket, as the API counts per source IP. */
class SharedRateLimitTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void clientsWithTheSameRateShareOneBucket() {
        // A rate no other test uses, so the bucket starts full: a burst of 6 (127 / 20), then ~0.5 s per request.
        int rpm = 127;
        wm.stubFor(get(urlPathEqualTo("/v1/core/virtual-machines/4711"))
                .willReturn(okJson(TestSupport.sample("get-instance.json"))));
        TestSupport.RecordingSleeper s1 = new TestSupport.RecordingSleeper();
        TestSupport.RecordingSleeper s2 = new TestSupport.RecordingSleeper();
        HyperstackClient a = TestSupport.client(wm.baseUrl()).requestsPerMinute(rpm).sleeper(s1).build();
        HyperstackClient b = TestSupport.client(wm.baseUrl()).requestsPerMinute(rpm).sleeper(s2).build();

        for (int i = 0; i < 3; i++) {
            a.getInstance(4711);
            b.getInstance(4711);
        }
        assertEquals(0, s1.waits.size() + s2.waits.size(), "the burst of 6 needs no wait");
        a.getInstance(4711);
        b.getInstance(4711);
        assertEquals(1, s1.waits.size());
        assertEquals(1, s2.waits.size());
        Duration first = s1.waits.get(0);
        Duration second = s2.waits.get(0);
        // Real time passes while the burst is sent, so the first wait is anything up to one token's worth;
        // the second then waits one more token (~0.5 s) behind it, because both draw from the same bucket.
        assertTrue(first.toMillis() > 0 && first.toMillis() < 600, first.toString());
        long gap = second.minus(first).toMillis();
        assertTrue(gap > 400 && gap < 600, "b queues one token behind a: " + second + " vs " + first);
    }
}
