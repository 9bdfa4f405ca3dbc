package io.tfhyperstack.hyperstack.net;

import java.util.Locale;
import java.util.Map;

/**
 * The proxies a walk's environment names, chosen per request as Go's {@code ProxyFromEnvironment}
 * chooses: {@code https} URLs use {@code HTTPS_PROXY}, {@code http} URLs {@code HTTP_PROXY} (no fallback
 * from one to the other), each upper case first, an empty variable counting as unset; {@link NoProxyRules}
 * decide which hosts go direct. A {@code proxy_url} given in the provider block stands in for both
 * variables.
 *
 * @param http the proxy for http:// URLs
 * @param https the proxy for https:// URLs
 */
public record ProxySettings(Choice http, Choice https, NoProxyRules noProxy, String noProxySource) {
    public static final String PROXY_URL_ARGUMENT = "proxy_url";

    /**
     * @param proxyUrl the provider's {@code proxy_url}: null to read the environment, empty for no proxy
     * @throws IllegalArgumentException naming the variable or argument whose value is unusable
     */
    public static ProxySettings resolve(Map<String, String> env, String proxyUrl) {
        Variable noProxy = Variable.read(env, "NO_PROXY");
        NoProxyRules rules = NoProxyRules.parse(noProxy.value);
        if (proxyUrl != null) {
            Choice both = Choice.of(proxyUrl, PROXY_URL_ARGUMENT);
            return new ProxySettings(both, both, rules, noProxy.name);
        }
        return new ProxySettings(Variable.read(env, "HTTP_PROXY").choice(),
                Variable.read(env, "HTTPS_PROXY").choice(), rules, noProxy.name);
    }

    /**
     * The proxy for a request to {@code scheme://host:port}, or null to go direct.
     *
     * @throws IllegalArgumentException when the variable that applies holds something unusable; a bad
     *     value in a variable that does not apply is never an error, as in Go
     */
    public ProxyAddress proxyFor(String scheme, String host, int port) {
        Choice choice = switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https" -> https;
            case "http" -> http;
            default -> Choice.NONE;
        };
        if ((choice.address == null && choice.problem == null) || noProxy.bypasses(host, port)) {
            return null;
        }
        if (choice.problem != null) {
            throw new IllegalArgumentException(choice.problem);
        }
        return choice.address;
    }

    /** A proxy, or the reason its value cannot be used, or neither (no proxy). */
    public record Choice(ProxyAddress address, String problem) {
        static final Choice NONE = new Choice(null, null);

        static Choice of(String value, String source) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            try {
                return new Choice(ProxyAddress.parse(value, source), null);
            } catch (IllegalArgumentException e) {
                return new Choice(null, e.getMessage());
            }
        }
    }

    /** A variable as Go reads it: {@code NAME}, else {@code name}; {@code name} says which one held the value. */
    private record Variable(String name, String value) {
        static Variable read(Map<String, String> env, String upper) {
            String lower = upper.toLowerCase(Locale.ROOT);
            String value = env.get(upper);
            if (value != null && !value.isEmpty()) {
                return new Variable(upper, value);
            }
            value = env.get(lower);
            return new Variable(value != null && !value.isEmpty() ? lower : upper, value);
        }

        Choice choice() {
            return Choice.of(value, name);
        }
    }
}
