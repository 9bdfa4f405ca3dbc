package io.tfhyperstack.hyperstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyRulesTest {
    /** The list of Go's own table (golang.org/x/net/http/httpproxy), requests on port 80. */
    private static final NoProxyRules GO_TABLE = NoProxyRules.parse("foobar.com, .barbaz.net, *.wildcard.io,"
            + " 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443,"
            + " [2001:db8::52:0:3]:80, 2002:db8:a::45/64");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "localhost, direct",
            "127.0.0.1, direct",
            "127.0.0.2, direct",
            "[::1], direct",
            "[::2], proxy",
            "192.168.1.1, direct",
            "192.168.1.2, proxy",
            "192.168.1.3, direct",
            "192.168.1.4, proxy",
            "10.0.0.2, direct",
            "10.0.0.4, proxy",
            "[2001:db8::52:0:1], direct",
            "[2001:db8::52:0:2], proxy",
            "[2001:db8::52:0:3], direct",
            "[2002:db8:a::123], direct",
            "[fe80::424b:c8be:1643:a1b6], proxy",
            "barbaz.net, proxy",
            "www.barbaz.net, direct",
            "foobar.com, direct",
            "www.foobar.com, direct",
            "FOOBAR.com, direct",
            "foofoobar.com, proxy",
            "baz.com, proxy",
            "localhost.net, proxy",
            "local.localhost, proxy",
            "barbarbaz.net, proxy",
            "wildcard.io, proxy",
            "nested.wildcard.io, direct",
            "awildcard.io, proxy",
    })
    void goTable(String host, String expected) {
        assertEquals(expected, GO_TABLE.bypasses(host, 80) ? "direct" : "proxy");
    }

    @ParameterizedTest(name = "NO_PROXY=''{0}'', {1}:{2} → {3}")
    @CsvSource(delimiter = '|', value = {
            // no list: only loopback goes direct
            "                    | api.example.com    | 443  | proxy",
            "                    | 127.0.0.1          | 8080 | direct",
            "                    | LOCALHOST          | 8080 | direct",
            "                    | [::1]              | 8080 | direct",
            // everything
            "*                   | api.example.com    | 443  | direct",
            "example.com, *      | other.org          | 443  | direct",
            // ports on domains: the request's port (the scheme's default when the URL has none)
            "example.com:8443    | api.example.com    | 8443 | direct",
            "example.com:8443    | api.example.com    | 443  | proxy",
            // a domain never matches an IP literal, a CIDR never matches a name
            "example.com         | 10.1.2.3           | 443  | proxy",
            "10.0.0.0/8          | ten.example.com    | 443  | proxy",
            "10.0.0.0/8          | 10.200.3.4         | 443  | direct",
            "10.0.0.0/8          | 11.0.0.1           | 443  | proxy",
            "192.168.0.0/23      | 192.168.1.255      | 443  | direct",
            "192.168.0.0/23      | 192.168.2.0        | 443  | proxy",
            // blanks, case and empty entries
            " ,EXAMPLE.com ,,    | API.example.COM    | 443  | direct",
            // malformed entries are ignored, the rest still counts
            "10.0.0.0/99, :80, example.com | api.example.com | 443 | direct",
            "10.0.0.0/99, :80    | 10.0.0.1           | 443  | proxy",
            // international names compare in their ASCII form
            "bücher.example      | www.xn--bcher-kva.example | 443 | direct",
            "xn--bcher-kva.example | www.bücher.example | 443 | direct",
    })
    void cases(String noProxy, String host, int port, String expected) {
        assertEquals(expected, NoProxyRules.parse(noProxy).bypasses(host, port) ? "direct" : "proxy");
    }
}
