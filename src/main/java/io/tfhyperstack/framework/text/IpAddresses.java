package io.tfhyperstack.framework.text;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever doing a DNS lookup. */
public final class IpAddresses {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    public static boolean isLiteral(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        // InetAddress parses a string made only of hex digits, colons and dots as a literal and
        // never resolves it; the character check keeps host names away from it.
        if (s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches()) {
            try {
                return InetAddress.getByName(s) instanceof java.net.Inet6Address;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
