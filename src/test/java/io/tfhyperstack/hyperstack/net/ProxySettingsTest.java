package io.tfhyperstack.hyperstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    private static ProxyAddress https(Map<String, String> env, String proxyUrl) {
        return ProxySettings.resolve(env, proxyUrl).proxyFor("https", "api.example.com", 443);
    }

    private static ProxyAddress http(Map<String, String> env) {
        return ProxySettings.resolve(env, null).proxyFor("http", "api.example.com", 80);
    }

    @Test
    void theSchemePicksTheVariableWithNoFallback() {
        Map<String, String> onlyHttp = Map.of("HTTP_PROXY", "http://web-proxy:3128");
        assertNull(https(onlyHttp, null), "HTTP_PROXY is never used for https, as in Go");
        assertEquals("web-proxy", http(onlyHttp).host());
        Map<String, String> onlyHttps = Map.of("HTTPS_PROXY", "http://tls-proxy:3128");
        assertEquals("tls-proxy", https(onlyHttps, null).host());
        assertNull(http(onlyHttps));
    }

    @Test
    void upperCaseFirstAndEmptyCountsAsUnset() {
        assertEquals("upper", https(Map.of("HTTPS_PROXY", "upper:1", "https_proxy", "lower:1"), null).host());
        assertEquals("lower", https(Map.of("HTTPS_PROXY", "", "https_proxy", "lower:1"), null).host());
        assertEquals("https_proxy", https(Map.of("https_proxy", "lower:1"), null).source());
        assertNull(https(Map.of("HTTPS_PROXY", ""), null));
    }

    @Test
    void valuesAreReadAsGoReadsThem() {
        ProxyAddress bare = https(Map.of("HTTPS_PROXY", "cache.corp.example.com:1234"), null);
        assertEquals(Proxy.Type.HTTP, bare.type());
        assertEquals("cache.corp.example.com", bare.host());
        assertEquals(1234, bare.port());
        assertEquals(80, https(Map.of("HTTPS_PROXY", "proxyhost"), null).port());
        assertEquals(Proxy.Type.SOCKS, https(Map.of("HTTPS_PROXY", "socks5://127.0.0.9"), null).type());
        assertEquals(1080, https(Map.of("HTTPS_PROXY", "socks5h://gateway"), null).port());
    }

    @Test
    void noProxyAndLoopbackGoDirect() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy:3128", "no_proxy", ".example.com");
        assertNull(https(env, null));
        ProxySettings settings = ProxySettings.resolve(env, null);
        assertNull(settings.proxyFor("https", "127.0.0.1", 8443));
        assertNull(settings.proxyFor("https", "localhost", 8443));
        assertEquals("proxy", settings.proxyFor("https", "api.other.org", 443).host());
        assertEquals("no_proxy", settings.noProxySource());
    }

    @Test
    void proxyUrlTakesThePlaceOfTheVariables() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://from-env:3128", "HTTP_PROXY", "http://from-env:3128");
        assertEquals("from-block", https(env, "http://from-block:8080").host());
        assertEquals("proxy_url", https(env, "http://from-block:8080").source());
        assertNull(https(env, ""), "an empty proxy_url means no proxy at all");
        ProxySettings settings = ProxySettings.resolve(Map.of("NO_PROXY", "example.com"), "http://from-block:8080");
        assertNull(settings.proxyFor("https", "api.example.com", 443), "NO_PROXY still applies");
    }

    @Test
    void credentialsAreSentButNeverShown() {
        ProxyAddress proxy = https(Map.of("HTTPS_PROXY", "http://al%40ice:s3cr%3At@proxy:3128"), null);
        assertEquals("al@ice", proxy.user());
        assertEquals("s3cr:t", proxy.password());
        assertEquals("Basic YWxAaWNlOnMzY3I6dA==", proxy.proxyAuthorization());
        assertEquals("http://<credentials>@proxy:3128", proxy.masked());
        assertFalse(proxy.toString().contains("s3cr"));
        assertFalse(proxy.toString().contains("ice"));
    }

    @Test
    void anUnusableValueIsAnErrorOnlyWhereItApplies() {
        Map<String, String> env = Map.of("HTTP_PROXY", "ftp://old-proxy:21", "HTTPS_PROXY", "https://tls-proxy:443");
        ProxySettings settings = ProxySettings.resolve(env, null);
        IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
                () -> settings.proxyFor("https", "api.example.com", 443));
        assertTrue(https.getMessage().startsWith("HTTPS_PROXY uses https://"), https.getMessage());
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
                () -> settings.proxyFor("http", "api.example.com", 80));
        assertTrue(http.getMessage().contains("HTTP_PROXY has the scheme ftp://"), http.getMessage());
        assertNull(settings.proxyFor("https", "127.0.0.1", 443), "loopback never meets the proxy");
        assertNull(ProxySettings.resolve(Map.of("HTTP_PROXY", "ftp://x"), null).proxyFor("https", "h", 443));
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> ProxyAddress.parse("socks5://user:hunter2@gw", "proxy_url"));
        assertFalse(secret.getMessage().contains("hunter2"));
    }
}
