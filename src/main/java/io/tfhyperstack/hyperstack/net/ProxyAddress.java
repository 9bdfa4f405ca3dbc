package io.tfhyperstack.hyperstack.net;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One proxy, as a proxy variable or {@code proxy_url} names it. {@link #toString()} and
 * {@link #masked()} never show the credentials; only {@link #proxyAuthorization()} uses them.
 *
 * @param source where it came from ({@code HTTPS_PROXY}, {@code proxy_url}, ...), for messages
 */
public record ProxyAddress(Proxy.Type type, String host, int port, String user, String password, String source) {

    /**
     * Reads a proxy value as Go does: a URL, or {@code host[:port]} taken as {@code http://host[:port]}.
     * Supported: {@code http} (with optional {@code user:password@}) and {@code socks5}/{@code socks5h}.
     *
     * @throws IllegalArgumentException with a message that names {@code source} and never the password
     */
    public static ProxyAddress parse(String value, String source) {
        String text = value.strip();
        URI uri = uri(text);
        if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
            uri = uri("http://" + text);
        }
        if (uri == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(source + " is not a proxy address: expected a URL such as"
                    + " http://proxy.example.com:3128 (or host:port)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type;
        int defaultPort;
        switch (scheme) {
            case "http":
                type = Proxy.Type.HTTP;
                defaultPort = 80;
                break;
            case "socks5":
            case "socks5h":
                type = Proxy.Type.SOCKS;
                defaultPort = 1080;
                break;
            case "https":
                throw new IllegalArgumentException(source + " uses https://, a TLS connection to the proxy itself,"
                        + " which this provider does not support; most proxies accept http:// on the same port,"
                        + " and HTTPS to the API still goes through the proxy encrypted end to end");
            default:
                throw new IllegalArgumentException(source + " has the scheme " + scheme + "://, but only http://"
                        + " and socks5:// proxies are supported");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo(); // decoded, as Go decodes it before building the header
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? "" : userInfo.substring(colon + 1);
            if (type == Proxy.Type.SOCKS) {
                throw new IllegalArgumentException(source + " has credentials for a SOCKS proxy, which this provider"
                        + " cannot send; use an http:// proxy for authenticated access");
            }
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new ProxyAddress(type, host, port, user, password, source);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** For OkHttp: unresolved, so that the proxy's own name is looked up only when connecting. */
    public Proxy toProxy() {
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** {@code Basic ...} for the Proxy-Authorization header, or null without credentials. */
    public String proxyAuthorization() {
        if (user == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http://<credentials>@host:port}: what logs and messages show. */
    public String masked() {
        String scheme = type == Proxy.Type.HTTP ? "http" : "socks5";
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + (user == null ? "" : "<credentials>@") + h + ":" + port;
    }

    @Override
    public String toString() {
        return masked() + " (from " + source + ")";
    }
}
