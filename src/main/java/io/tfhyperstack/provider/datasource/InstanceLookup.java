package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.text.IpAddresses;
import io.tfhyperstack.hyperstack.InstanceDirectory;
import io.tfhyperstack.hyperstack.model.Instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A search for exactly one instance, by id, name or IP, optionally within one environment. Whatever
 * goes wrong (nothing or several found) becomes an error that says what was searched, so that the
 * user can fix the configuration without going to the console.
 *
 * <p>Name and IP searches read the shared {@link InstanceDirectory}, so many lookups in one plan cost
 * one listing; an id search takes the instance from that listing when it is fresh, else asks the API
 * for that one instance.
 */
public record InstanceLookup(Long id, String name, String ip, String environment) {
    public InstanceLookup {
        int given = (id != null ? 1 : 0) + (name != null ? 1 : 0) + (ip != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one of id, name and ip is needed, got " + given);
        }
    }

    public static InstanceLookup byId(long id, String environment) {
        return new InstanceLookup(id, null, null, environment);
    }

    public static InstanceLookup byName(String name, String environment) {
        return new InstanceLookup(null, name, null, environment);
    }

    public static InstanceLookup byIp(String ip, String environment) {
        return new InstanceLookup(null, null, ip, environment);
    }

    /** The one instance that matches, or null with an error on the lookup argument. */
    public Instance find(InstanceDirectory directory, Diagnostics diagnostics) {
        if (id != null) {
            return findById(directory, diagnostics);
        }
        List<Instance> matches = name != null ? directory.findByName(name, environment)
                : findByIp(directory);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            int lookedAt = directory.all().size();
            diagnostics.addError(argument(), "No matching instance",
                    "No HyperStack instance has " + what() + where() + ". Looked at " + lookedAt
                            + (lookedAt == 1 ? " instance" : " instances")
                            + " visible to this API key." + hint());
            return null;
        }
        diagnostics.addError(argument(), "Several instances match",
                matches.size() + " HyperStack instances have " + what() + where() + ":\n"
                        + describe(matches) + "\n" + "A lookup must find exactly one. "
                        + (environment == null ? "Set environment_name to choose one of them, or look it up by id instead."
                                : "Look it up by id instead."));
        return null;
    }

    /**
     * Compares addresses, not spellings: an IPv6 address has many ({@code 2001:db8::1},
     * {@code 2001:0db8:0:0::1}), and the user's need not be the API's.
     */
    private List<Instance> findByIp(InstanceDirectory directory) {
        String wanted = canonicalIp(ip);
        return directory.all().stream()
                .filter(i -> wanted.equals(canonicalIp(i.fixedIp())) || wanted.equals(canonicalIp(i.floatingIp())))
                .filter(i -> environment == null || environment.equals(i.environmentName()))
                .toList();
    }

    /** The address in one spelling; anything that is not an IP literal stays as it is (never resolved). */
    static String canonicalIp(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.indexOf(':') < 0 || !IpAddresses.isLiteral(t)) {
            return t;
        }
        try {
            return InetAddress.getByName(t).getHostAddress();
        } catch (UnknownHostException e) {
            return t;
        }
    }

    private Instance findById(InstanceDirectory directory, Diagnostics diagnostics) {
        Optional<Instance> found = directory.findById(id);
        if (found.isEmpty()) {
            diagnostics.addError(argument(), "No matching instance",
                    "No HyperStack instance has the id " + id + ": the API answered 404 (not found). Ids are "
                            + "region-scoped, so an instance of another region's API is not found either.");
            return null;
        }
        Instance i = found.get();
        if (environment != null && !environment.equals(i.environmentName())) {
            diagnostics.addError(argument(), "No matching instance",
                    "The HyperStack instance with the id " + id + " (" + quoted(i.name()) + ") is in the environment "
                            + quoted(i.environmentName()) + ", not in " + quoted(environment) + ".");
            return null;
        }
        return i;
    }

    /** The lookup argument, where Terraform points at the error. */
    public AttributePath argument() {
        return AttributePath.ROOT.attribute(id != null ? "id" : name != null ? "name" : "ip");
    }

    private String what() {
        if (id != null) {
            return "the id " + id;
        }
        return name != null ? "the name " + quoted(name) : "the fixed or floating IP " + ip;
    }

    private String where() {
        return environment == null ? " in any environment" : " in the environment " + quoted(environment);
    }

    private String hint() {
        if (name != null) {
            return " Names are matched exactly, including case.";
        }
        return ip != null ? " Both the private (fixed) and the public (floating) address are compared." : "";
    }

    static String describe(List<Instance> matches) {
        return matches.stream()
                .sorted(Comparator.comparingLong(Instance::id))
                .map(i -> "  - id " + i.id() + ": name " + quoted(i.name()) + ", environment "
                        + quoted(i.environmentName()) + ", status " + (i.status() == null ? "unknown" : i.status()))
                .collect(Collectors.joining("\n"));
    }

    private static String quoted(String s) {
        return s == null ? "(none)" : "\"" + s + "\"";
    }
}
