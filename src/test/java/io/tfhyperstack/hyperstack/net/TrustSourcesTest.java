package io.tfhyperstack.hyperstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustSourcesTest {
    private static final String LINUX = "Linux";

    @Test
    void linuxTakesTheFirstReadableBundleOfGosListAndBothDirectories() {
        Set<Path> present = Set.of(Path.of("/etc/pki/tls/certs/ca-bundle.crt"), Path.of("/etc/ssl/cert.pem"));
        TrustSources sources = TrustSources.select(Map.of(), null, LINUX, present::contains);
        assertEquals(Path.of("/etc/pki/tls/certs/ca-bundle.crt"), sources.bundle());
        assertFalse(sources.bundleVariable());
        assertEquals(List.of(Path.of("/etc/ssl/certs"), Path.of("/etc/pki/tls/certs")), sources.directories());
        assertTrue(sources.runtime(), "the runtime's own list counts too");
        assertNull(sources.platformStore());

        TrustSources alpine = TrustSources.select(Map.of(), null, LINUX, Path.of("/etc/ssl/cert.pem")::equals);
        assertEquals(Path.of("/etc/ssl/cert.pem"), alpine.bundle());
        assertNull(TrustSources.select(Map.of(), null, LINUX, p -> false).bundle());
    }

    @Test
    void sslCertFileReplacesTheBundleAndTheRuntimesList() {
        TrustSources sources = TrustSources.select(Map.of("SSL_CERT_FILE", "/opt/corp/ca.pem"), null, LINUX,
                p -> true);
        assertEquals(Path.of("/opt/corp/ca.pem"), sources.bundle());
        assertTrue(sources.bundleVariable());
        assertFalse(sources.runtime());
        assertEquals(2, sources.directories().size(), "as in Go, the directories are a separate setting");
        assertTrue(sources.describe().startsWith("SSL_CERT_FILE /opt/corp/ca.pem"), sources.describe());
    }

    @Test
    void sslCertDirReplacesTheDirectories() {
        TrustSources sources = TrustSources.select(Map.of("SSL_CERT_DIR", "/a:/b::/c", "SSL_CERT_FILE", ""), null,
                LINUX, Path.of("/etc/ssl/certs/ca-certificates.crt")::equals);
        assertEquals(List.of(Path.of("/a"), Path.of("/b"), Path.of("/c")), sources.directories());
        assertTrue(sources.directoriesVariable());
        assertEquals(Path.of("/etc/ssl/certs/ca-certificates.crt"), sources.bundle(), "an empty SSL_CERT_FILE is unset");
        assertTrue(sources.runtime());
    }

    @Test
    void macAndWindowsAddTheSystemKeyStore() {
        TrustSources mac = TrustSources.select(Map.of(), null, "Mac OS X", Path.of("/etc/ssl/cert.pem")::equals);
        assertEquals(Path.of("/etc/ssl/cert.pem"), mac.bundle());
        assertEquals(List.of(), mac.directories());
        assertEquals("KeychainStore", mac.platformStore());
        assertEquals("Windows-ROOT", TrustSources.select(Map.of(), null, "Windows 11", p -> true).platformStore());
        assertNull(TrustSources.select(Map.of("SSL_CERT_FILE", "x.pem"), null, "Mac OS X", p -> true).platformStore());
    }

    @Test
    void caFileIsAlwaysAdded() {
        TrustSources sources = TrustSources.select(Map.of("SSL_CERT_FILE", "/x.pem"), "corp-ca.pem", LINUX, p -> true);
        assertEquals(Path.of("corp-ca.pem"), sources.caFile());
        assertTrue(sources.describe().endsWith("ca_file corp-ca.pem"), sources.describe());
    }

    @Test
    void loadsExactlyTheCertificatesOfTheChosenFiles(@TempDir Path dir) throws IOException {
        TestCertificates one = TestCertificates.newAuthority("One");
        TestCertificates two = TestCertificates.newAuthority("Two");
        TestCertificates three = TestCertificates.newAuthority("Three");
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "junk before\n" + one.authorityPem()
                + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Path twoFile = two.writeAuthority(certs.resolve("two.pem"));
        Files.createSymbolicLink(certs.resolve("1a2b3c4d.0"), twoFile.getFileName());
        Files.createDirectory(certs.resolve("nested"));
        three.writeAuthority(certs.resolve("nested").resolve("three.pem"));
        Path extra = three.writeAuthority(dir.resolve("extra.pem"));

        Set<X509Certificate> loaded = TrustedRoots.load(TrustSources.select(
                Map.of("SSL_CERT_FILE", bundle.toString(), "SSL_CERT_DIR", certs.toString()), null, LINUX, p -> true));
        assertEquals(Set.of(one.authority(), two.authority()), loaded,
                "the bundle's good block, each directory file once, no subdirectory, no runtime list");

        Set<X509Certificate> withCaFile = TrustedRoots.load(TrustSources.select(
                Map.of("SSL_CERT_FILE", bundle.toString(), "SSL_CERT_DIR", dir.resolve("none").toString()),
                extra.toString(), LINUX, p -> true));
        assertEquals(Set.of(one.authority(), three.authority()), withCaFile);

        Set<X509Certificate> system = TrustedRoots.load(TrustSources.select(
                Map.of("SSL_CERT_DIR", certs.toString()), null, LINUX, p -> false));
        assertTrue(system.contains(two.authority()));
        assertTrue(system.size() > 1, "the runtime's own list is there when SSL_CERT_FILE is not set");
    }
}
