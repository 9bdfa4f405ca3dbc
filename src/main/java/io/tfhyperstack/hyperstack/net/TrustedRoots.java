package io.tfhyperstack.hyperstack.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities of {@link TrustSources}, read from the PEM files themselves (so a bundled
 * runtime with a list of its own still trusts what the machine's administrator installed), and the
 * trust manager that checks servers against exactly them.
 */
final class TrustedRoots {
    private static final System.Logger LOG = System.getLogger(TrustedRoots.class.getName());

    private TrustedRoots() {
    }

    /** The trust manager for {@code sources}, or null when they hold no certificate at all. */
    static X509ExtendedTrustManager trustManager(TrustSources sources) {
        Set<X509Certificate> roots = load(sources);
        LOG.log(Level.TRACE, () -> roots.size() + " trusted certificate authorities from " + sources.describe());
        if (roots.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + i++, root);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the runtime offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the set of trusted certificate authorities: " + e.getMessage(),
                    e);
        }
    }

    /** Every certificate of every source, each once. */
    static Set<X509Certificate> load(TrustSources sources) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the runtime cannot read X.509 certificates", e);
        }
        Set<X509Certificate> roots = new LinkedHashSet<>();
        Set<ByteBuffer> seen = new HashSet<>();
        if (sources.bundle() != null) {
            roots.addAll(readFile(sources.bundle(), factory, seen));
        }
        for (Path directory : sources.directories()) {
            roots.addAll(readDirectory(directory, factory, seen));
        }
        if (sources.runtime()) {
            roots.addAll(runtimeRoots());
            if (sources.platformStore() != null) {
                roots.addAll(keyStoreRoots(sources.platformStore()));
            }
        }
        if (sources.caFile() != null) {
            roots.addAll(readFile(sources.caFile(), factory, seen));
        }
        return roots;
    }

    private static List<X509Certificate> readFile(Path file, CertificateFactory factory, Set<ByteBuffer> seen) {
        try {
            return PemCertificates.parse(Files.readAllBytes(file), factory, seen);
        } catch (IOException | RuntimeException unreadable) {
            LOG.log(Level.DEBUG, () -> "cannot read certificates from " + file + ": " + unreadable.getMessage());
            return List.of();
        }
    }

    /** Go reads every file of the directory, not its subdirectories; so does this. */
    private static List<X509Certificate> readDirectory(Path directory, CertificateFactory factory,
                                                       Set<ByteBuffer> seen) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        // Hash-named links point at the same files as the readable names: read each real file once.
        Set<Path> files = new LinkedHashSet<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.sorted().forEach(entry -> {
                try {
                    if (Files.isRegularFile(entry)) {
                        files.add(entry.toRealPath());
                    }
                } catch (IOException skipped) {
                    // a dangling link: nothing to read
                }
            });
        } catch (IOException unreadable) {
            return List.of();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.addAll(readFile(file, factory, seen));
        }
        return certificates;
    }

    /** What the runtime trusts by itself: its {@code cacerts}, or whatever it was configured with. */
    private static List<X509Certificate> runtimeRoots() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> roots = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    Collections.addAll(roots, x509.getAcceptedIssuers());
                }
            }
            return roots;
        } catch (GeneralSecurityException | RuntimeException none) {
            // A trimmed runtime may have no list at all; the system's files still count.
            return List.of();
        }
    }

    private static List<X509Certificate> keyStoreRoots(String type) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            List<X509Certificate> roots = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    roots.add(x509);
                }
            }
            return roots;
        } catch (GeneralSecurityException | IOException | RuntimeException unavailable) {
            return List.of();
        }
    }
}
