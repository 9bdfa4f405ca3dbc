package io.tfhyperstack.hyperstack.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Sends the credentials of a proxy URL ({@code http://user:password@proxy:3128}) as Go does: as
 * {@code Proxy-Authorization: Basic ...}, up front, on the CONNECT of an HTTPS tunnel and on every
 * request sent to an HTTP proxy, never waiting for a challenge. A 407 after that is final: it becomes
 * {@link ProxyAuthenticationRequired}, so that the client can say what to fix instead of retrying.
 */
final class ProxyCredentials implements Authenticator, Interceptor {
    static final String HEADER = "Proxy-Authorization";
    /** What OkHttp puts in the made-up challenge with which it asks for credentials before a CONNECT. */
    private static final String PREEMPTIVE = "OkHttp-Preemptive";

    private final ProxySettings settings;

    ProxyCredentials(ProxySettings settings) {
        this.settings = settings;
    }

    /** Asked before each CONNECT, and again on each 407. */
    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        ProxyAddress proxy = proxyOf(route == null ? null : route.proxy());
        if (proxy == null) {
            return null;
        }
        boolean preemptive = PREEMPTIVE.equalsIgnoreCase(response.header("Proxy-Authenticate"));
        if (preemptive) {
            return proxy.hasCredentials()
                    ? response.request().newBuilder().header(HEADER, proxy.proxyAuthorization()).build()
                    : null;
        }
        response.close();
        // Credentials, when there are any, went with the request that got this 407 (OkHttp's record of
        // a plain-HTTP request predates the network interceptor that added them, so it cannot tell).
        throw new ProxyAuthenticationRequired(proxy, proxy.hasCredentials());
    }

    /** As a network interceptor: the plain-HTTP case, where each request itself goes to the proxy. */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Proxy proxy = chain.connection() == null ? null : chain.connection().route().proxy();
        ProxyAddress address = request.isHttps() || proxy == null || proxy.type() != Proxy.Type.HTTP ? null
                : proxyOf(proxy);
        if (address == null || !address.hasCredentials()) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header(HEADER, address.proxyAuthorization()).build());
    }

    private ProxyAddress proxyOf(Proxy proxy) {
        if (proxy == null || !(proxy.address() instanceof InetSocketAddress socket)) {
            return null;
        }
        for (ProxySettings.Choice choice : new ProxySettings.Choice[] {settings.https(), settings.http()}) {
            ProxyAddress candidate = choice.address();
            if (candidate != null && candidate.host().equalsIgnoreCase(socket.getHostString())
                    && candidate.port() == socket.getPort()) {
                return candidate;
            }
        }
        return null;
    }
}
