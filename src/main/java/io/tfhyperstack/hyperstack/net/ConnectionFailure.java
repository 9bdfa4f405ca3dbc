package io.tfhyperstack.hyperstack.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A failed connection that has to do with the network's set-up (proxy, TLS trust, name resolution),
 * said in words with the setting that fixes it: these reach Terraform users, to whom a Java exception
 * name says nothing.
 *
 * @param what what went wrong, as a clause ("the proxy ... asked for credentials")
 * @param advice one or more sentences naming the fix
 * @param permanent true when repeating the request cannot help (it never left this machine or the proxy
 *     turned it away), so the client gives up at once
 */
public record ConnectionFailure(String what, String advice, boolean permanent) {
    /** OkHttp's words for a proxy that answered a CONNECT with something other than 200 or 407. */
    private static final Pattern CONNECT_REFUSED = Pattern.compile("Unexpected response code for CONNECT: (\\d+)");

    /**
     * @param proxy the proxy the failed request went through, or null when it went direct
     * @param host the API's host name
     * @return null when the failure is nothing of the kind (a timeout, a reset), for the client's own words
     */
    static ConnectionFailure explain(IOException failure, ProxyAddress proxy, TrustSources trust, String host,
                                     int port) {
        if (failure instanceof ProxyAuthenticationRequired auth) {
            ProxyAddress p = auth.proxy();
            return new ConnectionFailure(auth.credentialsSent()
                    ? "the proxy " + p.masked() + " refused the credentials in " + p.source() + " (407)"
                    : "the proxy " + p.masked() + " asks for credentials (407 Proxy Authentication Required)",
                    "Put the proxy's user name and password in " + p.source()
                            + ", as http://user:password@host:port (percent-encode special characters).", true);
        }
        Matcher refused = failure.getMessage() == null ? null : CONNECT_REFUSED.matcher(failure.getMessage());
        if (proxy != null && refused != null && refused.find()) {
            int code = Integer.parseInt(refused.group(1));
            return new ConnectionFailure("the proxy " + proxy.masked() + " (from " + proxy.source()
                    + ") refused to open a connection to " + host + ":" + port + " (HTTP " + code + ")",
                    "Ask the proxy's administrators to allow " + host + ":" + port + ", or, if the API is reachable"
                            + " without the proxy, add " + host + " to NO_PROXY.", code < 500);
        }
        if (failure instanceof UnknownHostException) {
            // A proxy resolves the API's name itself, so with one only the proxy's own name is looked up here.
            boolean temporary = String.valueOf(failure.getMessage()).contains("Temporary failure");
            return proxy != null
                    ? new ConnectionFailure("the proxy's host name " + proxy.host() + " (from " + proxy.source()
                            + ") could not be resolved", "Check " + proxy.source() + ".", !temporary)
                    : new ConnectionFailure("the host name " + host + " could not be resolved",
                            "Check the API address (HYPERSTACK_API_ADDRESS / the provider's api_address) and the"
                                    + " machine's DNS; where only a proxy can reach the API, set HTTPS_PROXY (HTTP_PROXY"
                                    + " for an http:// address) or the provider's proxy_url.", !temporary);
        }
        if (failure instanceof ConnectException && proxy != null) {
            return new ConnectionFailure("could not connect to the proxy " + proxy.masked() + " (from "
                    + proxy.source() + ")", "Check that the proxy is running and that " + proxy.source()
                    + " names it; to reach the API without it, add " + host + " to NO_PROXY.", false);
        }
        if (failure instanceof SSLException tls) {
            return explainTls(tls, proxy, trust, host);
        }
        return null;
    }

    private static ConnectionFailure explainTls(SSLException failure, ProxyAddress proxy, TrustSources trust,
                                                String host) {
        String trustFix = "Point SSL_CERT_FILE at a PEM bundle that holds the certificate authority that signed it"
                + " (or set the provider's ca_file to that CA's PEM file). Trusted now: " + trust.describe() + ".";
        if (failure instanceof SSLPeerUnverifiedException && String.valueOf(failure.getMessage()).startsWith("Hostname")) {
            return new ConnectionFailure("the server's TLS certificate is not valid for the host name " + host,
                    "Use a host name the certificate names in the API address (HYPERSTACK_API_ADDRESS / the"
                            + " provider's api_address)" + (proxy == null ? "" : "; a proxy that re-signs TLS must"
                            + " issue its certificates for " + host) + ".", true);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeferredTrustManager.NoTrustedAuthorities none) {
                return new ConnectionFailure("the server's TLS certificate cannot be checked: " + none.getMessage(),
                        "Point SSL_CERT_FILE at a PEM bundle of the certificate authorities to trust, or set the"
                                + " provider's ca_file.", true);
            }
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return new ConnectionFailure("the server's TLS certificate for " + host
                        + " has expired or is not valid yet", "Check this machine's clock; if it is right, the"
                        + " server's certificate needs renewing.", true);
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return new ConnectionFailure("the server's TLS certificate for " + host + " is not signed by a"
                        + " certificate authority this machine trusts"
                        + (proxy == null ? "" : " (a proxy that inspects TLS re-signs it with its own)"), trustFix,
                        true);
            }
        }
        String detail = failure.getMessage();
        boolean plain = detail != null && !detail.isBlank() && !detail.contains("Exception") && !detail.contains("sun.");
        return new ConnectionFailure("the TLS connection to " + host + " failed" + (plain ? " (" + detail + ")" : ""),
                "Check the API address; if a proxy inspects TLS, its certificate authority must be trusted: "
                        + trustFix, false);
    }
}
