package io.tfhyperstack.hyperstack.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How one API client reaches the API: its proxies ({@link ProxySettings}) and the certificate
 * authorities it trusts ({@link TrustSources}), turned into the OkHttp pieces of that client alone.
 *
 * <p>Connections in OkHttp's shared pool are reused only by clients whose pieces are equal, so equal
 * settings get the very same instance from a small cache: the provider service's next walk then reuses
 * the last one's connections and its parsed trust list. A changed bundle file or directory counts as a
 * change of settings.
 */
public final class ApiConnection {
    private static final int CACHE_SIZE = 16;
    private static final Map<Key, ApiConnection> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ApiConnection> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final ProxySettings proxies;
    private final DeferredTrustManager trustManager;
    private final SSLSocketFactory sslSocketFactory;
    private final ApiProxySelector proxySelector;
    private final ProxyCredentials credentials;

    private ApiConnection(ProxySettings proxies, TrustSources trust) {
        this.proxies = proxies;
        this.trustManager = new DeferredTrustManager(trust);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            this.sslSocketFactory = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the runtime offers no TLS: " + e.getMessage(), e);
        }
        this.proxySelector = new ApiProxySelector(proxies);
        this.credentials = new ProxyCredentials(proxies);
    }

    /**
     * From a walk's environment and the provider's arguments.
     *
     * @param proxyUrl the provider's {@code proxy_url} (null: from the environment; empty: no proxy)
     * @param caFile the provider's {@code ca_file}, or null
     * @throws IllegalArgumentException when a proxy setting cannot be used; the message names it
     */
    public static ApiConnection resolve(Map<String, String> env, String proxyUrl, String caFile) {
        ProxySettings proxies = ProxySettings.resolve(env, proxyUrl);
        TrustSources trust = TrustSources.select(env, caFile);
        Key key = new Key(proxies, trust, modificationTimes(trust));
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(key, k -> new ApiConnection(proxies, trust));
        }
    }

    /** No proxy and the system's trust: what an empty environment gives. */
    public static ApiConnection direct() {
        return resolve(Map.of(), null, null);
    }

    /** Installs the proxy, its credentials and the trust into a client being built. */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        return builder.proxySelector(proxySelector)
                .proxyAuthenticator(credentials)
                .addNetworkInterceptor(credentials)
                .sslSocketFactory(sslSocketFactory, trustManager);
    }

    /**
     * The proxy requests to {@code url} go through, or null for none.
     *
     * @throws IllegalArgumentException when the variable that applies to it is unusable
     */
    public ProxyAddress proxyFor(HttpUrl url) {
        return proxies.proxyFor(url.scheme(), url.host(), url.port());
    }

    /**
     * This connection, after checking that the proxy setting that applies to {@code apiAddress} can be
     * used (an address that is no URL is left to the client to refuse).
     *
     * @throws IllegalArgumentException naming the variable or argument at fault
     */
    public ApiConnection requireUsableFor(String apiAddress) {
        HttpUrl url = HttpUrl.parse(apiAddress);
        if (url != null) {
            proxyFor(url);
        }
        return this;
    }

    /** The one debug line: which proxy (credentials masked) and which trust, for requests to {@code url}. */
    public String describe(HttpUrl url) {
        ProxyAddress proxy = proxyFor(url);
        String route;
        if (proxy != null) {
            route = "through the proxy " + proxy;
        } else {
            boolean configured = (url.isHttps() ? proxies.https() : proxies.http()).address() != null;
            route = configured ? "direct (" + url.host() + " is loopback or matches " + proxies.noProxySource()
                    + "=" + proxies.noProxy() + ")" : "direct (no proxy set for " + url.scheme() + ")";
        }
        return "API connection to " + url.scheme() + "://" + url.host() + ":" + url.port() + ": " + route
                + "; TLS trust: " + trustManager.sources().describe();
    }

    /** The failure in words with its fix, or null when it is not about proxies, trust or names. */
    public ConnectionFailure explain(IOException failure, HttpUrl url) {
        ProxyAddress proxy;
        try {
            proxy = proxyFor(url);
        } catch (IllegalArgumentException unusable) {
            proxy = null;
        }
        return ConnectionFailure.explain(failure, proxy, trustManager.sources(), url.host(), url.port());
    }

    private static List<Long> modificationTimes(TrustSources trust) {
        List<Path> paths = new ArrayList<>();
        if (trust.bundle() != null) {
            paths.add(trust.bundle());
        }
        paths.addAll(trust.directories());
        if (trust.caFile() != null) {
            paths.add(trust.caFile());
        }
        List<Long> times = new ArrayList<>();
        for (Path path : paths) {
            try {
                times.add(Files.getLastModifiedTime(path).toMillis());
            } catch (IOException | RuntimeException missing) {
                times.add(-1L);
            }
        }
        return times;
    }

    private record Key(ProxySettings proxies, TrustSources trust, List<Long> modified) {
    }
}
