package io.tfhyperstack.simulator;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out IPv4 addresses from a range, never one that is in use. Floating IPs come from
 * 198.18.0.0/15 (reserved for benchmarks, so a simulated address can never be mistaken for a real
 * one); fixed IPs from 10.0.0.0/8. Not thread-safe: used under the {@link Cloud}'s lock.
 */
final class IpPool {
    private final long first;
    private final long last;
    private long next;
    private final Set<String> inUse = new HashSet<>();

    IpPool(String first, String last) {
        this.first = toLong(first);
        this.last = toLong(last);
        this.next = this.first;
    }

    static IpPool floating() {
        return new IpPool("198.18.0.10", "198.19.255.254");
    }

    /**
     * Floating IPs from a CIDR block, e.g. {@code 127.0.9.0/24}: a loopback range lets a test listen on
     * an instance's public address. The network and broadcast addresses are never handed out.
     */
    static IpPool floating(String cidr) {
        if (cidr == null) {
            return floating();
        }
        int slash = cidr.indexOf('/');
        int bits = slash < 0 ? -1 : parseBits(cidr.substring(slash + 1));
        if (bits < 8 || bits > 30) {
            throw new IllegalArgumentException("an IPv4 range as address/bits (8 to 30), e.g. 127.0.9.0/24; got "
                    + cidr);
        }
        long mask = (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        long network = toLong(cidr.substring(0, slash)) & mask;
        return new IpPool(toText(network + 1), toText((network | (~mask & 0xFFFFFFFFL)) - 1));
    }

    private static int parseBits(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static IpPool fixed() {
        return new IpPool("10.0.1.10", "10.255.255.254");
    }

    /** Marks an address taken (a seeded one, which may lie outside the range). */
    void claim(String ip) {
        if (ip != null) {
            inUse.add(ip);
        }
    }

    void release(String ip) {
        if (ip != null) {
            inUse.remove(ip);
        }
    }

    String allocate() {
        long span = last - first + 1;
        for (long tries = 0; tries < span; tries++) {
            String candidate = toText(next);
            next = next >= last ? first : next + 1;
            if (inUse.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("IP range exhausted");
    }

    private static long toLong(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long v = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static String toText(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
