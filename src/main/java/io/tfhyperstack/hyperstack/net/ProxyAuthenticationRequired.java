package io.tfhyperstack.hyperstack.net;

import java.io.IOException;

/** The proxy answered 407: it wants credentials, or refused the ones it was sent. */
public final class ProxyAuthenticationRequired extends IOException {
    private final ProxyAddress proxy;
    private final boolean credentialsSent;

    ProxyAuthenticationRequired(ProxyAddress proxy, boolean credentialsSent) {
        super("the proxy " + proxy.masked() + " answered 407 Proxy Authentication Required"
                + (credentialsSent ? " to the credentials it was sent" : ""));
        this.proxy = proxy;
        this.credentialsSent = credentialsSent;
    }

    public ProxyAddress proxy() {
        return proxy;
    }

    public boolean credentialsSent() {
        return credentialsSent;
    }
}
