package io.tfhyperstack.hyperstack.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the certificate authorities the client trusts come from, chosen as Go's {@code crypto/x509}
 * chooses on the same machine, plus what a Java runtime adds:
 * <ul>
 * <li>the system bundle: the first readable file of the platform's list (Debian/Ubuntu, Fedora/RHEL,
 * OpenSUSE, CentOS, Alpine; {@code /etc/ssl/cert.pem} on macOS), or {@code SSL_CERT_FILE} instead;</li>
 * <li>every certificate file in the system directories ({@code /etc/ssl/certs}, {@code /etc/pki/tls/certs}),
 * or in the {@code SSL_CERT_DIR} directories instead ({@code :}-separated);</li>
 * <li>the runtime's own list (its {@code cacerts}) and, on macOS and Windows, the system's key store,
 * unless {@code SSL_CERT_FILE} is set: that variable says exactly which authorities to trust;</li>
 * <li>the provider's {@code ca_file}, always in addition.</li>
 * </ul>
 * Missing files are no error and never make another source stand in, as in Go.
 *
 * @param bundle the bundle file, or null when no candidate is readable
 * @param bundleVariable true when {@code bundle} came from {@code SSL_CERT_FILE}
 * @param directories the directories to read every certificate file of
 * @param directoriesVariable true when {@code directories} came from {@code SSL_CERT_DIR}
 * @param runtime whether the runtime's own list (and the platform key store) is trusted too
 * @param platformStore the JDK key store type of the system's store ({@code KeychainStore},
 *     {@code Windows-ROOT}), or null
 * @param caFile the provider's {@code ca_file}, or null
 */
public record TrustSources(Path bundle, boolean bundleVariable, List<Path> directories, boolean directoriesVariable,
                           boolean runtime, String platformStore, Path caFile) {
    public static final String SSL_CERT_FILE = "SSL_CERT_FILE";
    public static final String SSL_CERT_DIR = "SSL_CERT_DIR";
    public static final String CA_FILE_ARGUMENT = "ca_file";

    /** Go's list for Linux, in its order: the first readable file wins. */
    static final List<String> LINUX_BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/ca-bundle.pem",
            "/etc/pki/tls/cacert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/ssl/cert.pem");
    static final List<String> LINUX_DIRECTORIES = List.of("/etc/ssl/certs", "/etc/pki/tls/certs");
    /** macOS keeps its roots in the keychain; this file is their export, and Homebrew's bundles follow. */
    static final List<String> MAC_BUNDLES = List.of(
            "/etc/ssl/cert.pem",
            "/opt/homebrew/etc/ca-certificates/cert.pem",
            "/usr/local/etc/ca-certificates/cert.pem");

    /** For this machine. */
    public static TrustSources select(Map<String, String> env, String caFile) {
        return select(env, caFile, System.getProperty("os.name", ""), Files::isReadable);
    }

    /** The choice itself, with the operating system and the file checks given, for tests. */
    static TrustSources select(Map<String, String> env, String caFile, String osName, Predicate<Path> readable) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean mac = os.contains("mac") || os.contains("darwin");
        boolean windows = os.contains("windows");
        String certFile = env.get(SSL_CERT_FILE);
        String certDir = env.get(SSL_CERT_DIR);
        boolean fileSet = certFile != null && !certFile.isEmpty();
        boolean dirSet = certDir != null && !certDir.isEmpty();

        Path bundle = null;
        if (fileSet) {
            bundle = Path.of(certFile);
        } else {
            for (String candidate : windows ? List.<String>of() : mac ? MAC_BUNDLES : LINUX_BUNDLES) {
                if (readable.test(Path.of(candidate))) {
                    bundle = Path.of(candidate);
                    break;
                }
            }
        }
        List<Path> directories = new ArrayList<>();
        if (dirSet) {
            for (String d : certDir.split(windows ? ";" : ":")) {
                if (!d.isEmpty()) {
                    directories.add(Path.of(d));
                }
            }
        } else if (!mac && !windows) {
            LINUX_DIRECTORIES.forEach(d -> directories.add(Path.of(d)));
        }
        String platformStore = fileSet ? null : mac ? "KeychainStore" : windows ? "Windows-ROOT" : null;
        Path extra = caFile == null || caFile.isBlank() ? null : Path.of(caFile);
        return new TrustSources(bundle, fileSet, List.copyOf(directories), dirSet, !fileSet, platformStore, extra);
    }

    /** One line for the debug log and for messages: which sources, by name and path. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (bundle != null) {
            parts.add((bundleVariable ? SSL_CERT_FILE + " " : "system bundle ") + bundle);
        } else {
            parts.add("no system bundle file");
        }
        if (!directories.isEmpty()) {
            parts.add((directoriesVariable ? SSL_CERT_DIR + " " : "system directories ")
                    + String.join(":", directories.stream().map(Path::toString).toList()));
        }
        if (runtime) {
            parts.add("the Java runtime's own list" + (platformStore == null ? "" : " and " + platformStore));
        }
        if (caFile != null) {
            parts.add(CA_FILE_ARGUMENT + " " + caFile);
        }
        return String.join(", ", parts);
    }
}
