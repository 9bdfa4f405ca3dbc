package io.tfhyperstack.hyperstack.net;

import java.net.IDN;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts go direct, by Go's rules ({@code golang.org/x/net/http/httpproxy}): {@code localhost} and
 * loopback addresses always; then the entries of a {@code NO_PROXY} list, comma-separated and
 * case-insensitive, each one of
 * <ul>
 * <li>{@code *}: every host;</li>
 * <li>a CIDR range ({@code 10.0.0.0/8}), matching IP literals only (names are never resolved for this);</li>
 * <li>an IP, optionally with a port ({@code 192.168.1.3:80}, {@code [2001:db8::1]:443});</li>
 * <li>a domain, optionally with a port: {@code foo.com} matches it and its subdomains, {@code .foo.com}
 * and {@code *.foo.com} only subdomains; a domain never matches an IP literal.</li>
 * </ul>
 * Entries that fit none of these are ignored, as Go ignores them.
 */
public final class NoProxyRules {
    private static final NoProxyRules NONE = new NoProxyRules("", false, List.of());

    /** The list as given: two rule sets are the same when their texts are (the client cache keys on it). */
    private final String text;
    private final boolean everything;
    private final List<Rule> rules;

    private NoProxyRules(String text, boolean everything, List<Rule> rules) {
        this.text = text;
        this.everything = everything;
        this.rules = rules;
    }

    /** Rules from a NO_PROXY value; null or blank gives only the loopback rule. */
    public static NoProxyRules parse(String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : noProxy.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return new NoProxyRules(noProxy, true, List.of());
            }
            Rule rule = Rule.parse(entry);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new NoProxyRules(noProxy, false, List.copyOf(rules));
    }

    /**
     * True when a request to {@code host} (a URL's host, IPv6 with or without brackets) on {@code port}
     * (the URL's port, or its scheme's default) must not use a proxy.
     */
    public boolean bypasses(String host, int port) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        InetAddress ip = IpLiteral.parse(h);
        if (ip != null && ip.isLoopbackAddress()) {
            return true;
        }
        if (everything) {
            return true;
        }
        String name = ip != null ? h : ascii(h);
        for (Rule rule : rules) {
            if (rule.matches(name, port, ip)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoProxyRules that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(none)" : text;
    }

    private static String ascii(String name) {
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notConvertible) {
            return name;
        }
    }

    /** One NO_PROXY entry; {@code port} is -1 when the entry names none. */
    private interface Rule {
        boolean matches(String host, int port, InetAddress ip);

        static Rule parse(String entry) {
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                return Cidr.parse(entry.substring(0, slash), entry.substring(slash + 1));
            }
            String host = entry;
            int port = -1;
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            // A port only where Go's SplitHostPort finds one: after "]" for IPv6, or after the only colon.
            if (bracketed ? colon > 0 && entry.charAt(colon - 1) == ']'
                    : colon >= 0 && entry.indexOf(':') == colon) {
                port = portNumber(entry.substring(colon + 1));
                if (port < 0) {
                    return null;
                }
                host = entry.substring(0, colon);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                return null;
            }
            InetAddress ip = IpLiteral.parse(host);
            if (ip != null) {
                return new Ip(ip, port);
            }
            if (host.startsWith("*.")) {
                host = host.substring(1);
            }
            boolean matchesItself = !host.startsWith(".");
            String suffix = "." + ascii(matchesItself ? host : host.substring(1));
            return new Domain(suffix, matchesItself, port);
        }

        private static int portNumber(String text) {
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        }
    }

    private record Ip(InetAddress address, int port) implements Rule {
        @Override
        public boolean matches(String host, int requestPort, InetAddress ip) {
            return ip != null && ip.equals(address) && (port < 0 || port == requestPort);
        }
    }

    private record Domain(String suffix, boolean matchesItself, int port) implements Rule {
        @Override
        public boolean matches(String host, int requestPort, InetAddress ip) {
            if (ip != null) {
                return false;
            }
            boolean named = host.endsWith(suffix) || (matchesItself && host.equals(suffix.substring(1)));
            return named && (port < 0 || port == requestPort);
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // the rules compare by their NO_PROXY text; a rule is never compared
    private record Cidr(byte[] network, int prefix) implements Rule {
        static Cidr parse(String address, String prefixText) {
            InetAddress ip = IpLiteral.parse(address);
            if (ip == null || prefixText.isEmpty() || !prefixText.chars().allMatch(Character::isDigit)
                    || prefixText.length() > 3) {
                return null;
            }
            int prefix = Integer.parseInt(prefixText);
            return prefix > ip.getAddress().length * 8 ? null : new Cidr(ip.getAddress(), prefix);
        }

        @Override
        public boolean matches(String host, int requestPort, InetAddress ip) {
            if (ip == null) {
                return false;
            }
            byte[] candidate = ip.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
