package io.tfhyperstack.hyperstack.net;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * {@link ProxySettings} as the {@link ProxySelector} of one OkHttp client: unlike the JDK's default
 * selector, it reads no system properties and no JVM-wide state.
 */
final class ApiProxySelector extends ProxySelector {
    private final ProxySettings settings;

    ApiProxySelector(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Proxy> select(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        ProxyAddress proxy;
        try {
            proxy = settings.proxyFor(uri.getScheme(), uri.getHost(), port);
        } catch (IllegalArgumentException unusable) {
            // The client refuses to be built when its API address meets an unusable value, so only
            // another address gets here; Go sends it direct too.
            proxy = null;
        }
        return List.of(proxy == null ? Proxy.NO_PROXY : proxy.toProxy());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // Nothing to learn: there is one proxy per scheme and no other to fall back to.
    }
}
