package io.tfhyperstack.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release files the build leaves in target/release, checked as a registry and Terraform will use
 * them: names, SHA256SUMS, the manifest, each zip's contents and modes, and each launcher's executable
 * format read from its header bytes (an executable of the wrong platform would only fail on a user's
 * machine).
 */
class ReleaseArchiveTest {
    static final String NAME = "terraform-provider-hyperstack";
    static final long MAX_RUNTIME_ZIP = 60L << 20;

    static Path releaseDir() {
        return Paths.get(System.getProperty("release.dir", "target/release"));
    }

    static String version() {
        return System.getProperty("project.version", "0.1.0");
    }

    /**
     * Whether the build made linux_amd64's runtime: it does wherever its JDK (the one running the tests)
     * is a JDK 17 with jmods, and builds the zip without it elsewhere, so that the quickstart works with
     * any Java 17+ (scripts/release requires it).
     */
    static boolean runtimeExpected() {
        return Runtime.version().feature() == 17
                && Files.exists(Paths.get(System.getProperty("java.home"), "jmods", "java.base.jmod"));
    }

    /** Every platform a release is made for: what {@code -Drelease.platforms=all} (scripts/test, scripts/release) builds. */
    static final List<String> ALL_PLATFORMS =
            List.of("darwin_amd64", "darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64");

    /** The build's {@code release.platforms}: {@code all}, or a comma-separated list. */
    static List<String> platformsAskedFor() {
        String asked = System.getProperty("release.platforms", "linux_amd64,windows_amd64").strip();
        return asked.equals("all") ? ALL_PLATFORMS : List.of(asked.split(","));
    }

    /** The platforms the build made zips for, from the zips' names. */
    static List<String> platforms() throws IOException {
        String prefix = NAME + "_" + version() + "_";
        try (Stream<Path> files = Files.list(releaseDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".zip"))
                    .map(n -> n.substring(prefix.length(), n.length() - ".zip".length()))
                    .sorted().toList();
        }
    }

    @Test
    void sumsCoverEveryZipAndTheManifestAndMatchThem() throws Exception {
        Path dir = releaseDir();
        List<String> platforms = platforms();
        assertTrue(platforms.contains("linux_amd64"), "no linux_amd64 zip: " + platforms);
        assertTrue(platforms.size() >= 2, "the build makes at least one cross-compiled zip: " + platforms);
        assertEquals(new TreeSet<>(platformsAskedFor()), new TreeSet<>(platforms), "the zips made are the ones asked for");
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve(NAME + "_" + version() + "_SHA256SUMS"))) {
            String[] fields = line.split("  ", 2);
            sums.put(fields[1], fields[0]);
        }
        List<String> expected = new ArrayList<>();
        platforms.forEach(p -> expected.add(NAME + "_" + version() + "_" + p + ".zip"));
        expected.add(NAME + "_" + version() + "_manifest.json");
        assertEquals(new TreeSet<>(expected), sums.keySet());
        for (var sum : sums.entrySet()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(sum.getKey())));
            assertEquals(HexFormat.of().formatHex(digest), sum.getValue(), sum.getKey());
        }
        String manifest = Files.readString(dir.resolve(NAME + "_" + version() + "_manifest.json"));
        assertTrue(manifest.replace(" ", "").contains("\"protocol_versions\":[\"6.0\"]"), manifest);
    }

    @Test
    void eachZipHoldsItsPlatformsLauncherAndTheJar() throws Exception {
        for (String platform : platforms()) {
            Path zip = releaseDir().resolve(NAME + "_" + version() + "_" + platform + ".zip");
            String executable = NAME + "_v" + version() + (platform.startsWith("windows_") ? ".exe" : "");
            try (ZipFile file = new ZipFile(zip.toFile())) {
                ZipEntry launcher = file.getEntry(executable);
                assertTrue(launcher != null, platform + ": no " + executable);
                assertEquals(0755, unixMode(file, launcher), platform + ": the launcher must be executable");
                assertTrue(file.getEntry("lib/" + NAME + ".jar") != null, platform + ": no jar in lib/");
                // Terraform runs the first file whose name starts with the provider's: the launcher only.
                List<String> candidates = file.stream().map(ZipEntry::getName)
                        .filter(n -> !n.contains("/") && n.startsWith(NAME)).toList();
                assertEquals(List.of(executable), candidates, platform);
                try (InputStream in = file.getInputStream(launcher)) {
                    assertEquals(platform, ExecutableFormat.of(in.readNBytes(4096)), executable + " in " + zip);
                }
                boolean hasRuntime = file.getEntry("jre/bin/java") != null;
                assertEquals(platform.equals("linux_amd64") && runtimeExpected(), hasRuntime,
                        platform + ": the runtime is linux_amd64's alone");
            }
        }
    }

    @Test
    void linuxAmd64CarriesAStrippedRuntimeWithItsClassDataArchivesWithinTheSizeLimit() throws Exception {
        assumeTrue(runtimeExpected(), "the build's JDK is not a JDK 17 with jmods: no runtime to check");
        Path zip = releaseDir().resolve(NAME + "_" + version() + "_linux_amd64.zip");
        assertTrue(Files.size(zip) <= MAX_RUNTIME_ZIP, "linux_amd64 zip is " + Files.size(zip) + " bytes");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry java = file.getEntry("jre/bin/java");
            assertEquals(0755, unixMode(file, java));
            try (InputStream in = file.getInputStream(java)) {
                assertEquals("linux_amd64", ExecutableFormat.of(in.readNBytes(4096)));
            }
            for (String archive : List.of("jre/lib/provider.jsa", "jre/lib/server/classes.jsa")) {
                ZipEntry entry = file.getEntry(archive);
                assertTrue(entry != null && entry.getSize() > 1_000_000, "no class-data archive " + archive);
            }
            String release;
            try (InputStream in = file.getInputStream(file.getEntry("jre/release"))) {
                release = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(release.contains("JAVA_VERSION=\"17."), release);
            for (String module : List.of("java.base", "jdk.crypto.ec", "jdk.unsupported", "java.logging")) {
                assertTrue(release.matches("(?s).*MODULES=\"[^\"]*\\b" + module.replace(".", "\\.") + "\\b.*"),
                        "the runtime lacks " + module + ": " + release);
            }
            assertFalse(release.contains("java.desktop"), "the runtime carries java.desktop: " + release);
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("jre/man/") || n.startsWith("jre/include/")
                    || n.endsWith("classes_nocoops.jsa")), "the runtime is not stripped");
        }
    }

    /** The Unix mode bits of a zip entry, from the central directory's external attributes. */
    static int unixMode(ZipFile file, ZipEntry entry) throws IOException {
        // java.util.zip does not expose the external attributes: read the central directory ourselves.
        try (var channel = Files.newByteChannel(Paths.get(file.getName()))) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 65_557)).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(size - tail.capacity());
            channel.read(tail);
            int end = -1;
            for (int i = tail.capacity() - 22; i >= 0; i--) {
                if (tail.getInt(i) == 0x06054b50) {
                    end = i;
                    break;
                }
            }
            int entries = tail.getShort(end + 10) & 0xffff;
            long offset = tail.getInt(end + 16) & 0xffffffffL;
            ByteBuffer directory = ByteBuffer.allocate((int) (size - offset)).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(offset);
            channel.read(directory);
            int at = 0;
            for (int i = 0; i < entries; i++) {
                int nameLength = directory.getShort(at + 28) & 0xffff;
                int extraLength = directory.getShort(at + 30) & 0xffff;
                int commentLength = directory.getShort(at + 32) & 0xffff;
                String name = new String(directory.array(), at + 46, nameLength, StandardCharsets.UTF_8);
                if (name.equals(entry.getName())) {
                    return (directory.getInt(at + 38) >>> 16) & 0777;
                }
                at += 46 + nameLength + extraLength + commentLength;
            }
        }
        throw new AssertionError("no central directory entry for " + entry.getName());
    }
}
