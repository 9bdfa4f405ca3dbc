package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/release's signing with a throwaway RSA key in a keyring of its own, over a copy of the
 * release files the build made: the signature is binary and verifies with gpg, the sums check with
 * sha256sum, and every zip the sums list holds a launcher that file(1) recognises as its platform's.
 * Without a key the script says in one line that nothing is signed.
 */
class ReleaseSigningTest {
    private static final Map<String, String> FILE_SAYS = Map.of(
            "linux_amd64", "ELF 64-bit LSB executable, x86-64",
            "linux_arm64", "ELF 64-bit LSB executable, ARM aarch64",
            "darwin_amd64", "Mach-O 64-bit x86_64 executable",
            "darwin_arm64", "Mach-O 64-bit arm64 executable",
            "windows_amd64", "PE32+ executable (console) x86-64");

    @TempDir
    Path temp;

    @Test
    void aThrowawayRsaKeySignsTheSumsAndEverythingChecks() throws Exception {
        assumeTrue(onPath("gpg") && onPath("file") && onPath("sha256sum"), "needs gpg, file and sha256sum");
        Path gnupgHome = Files.createDirectory(temp.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> gpgEnv = Map.of("GNUPGHOME", gnupgHome.toString());
        ok(gpgEnv, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-generate-key", "Release Test <release-test@example.invalid>", "rsa3072", "sign", "1d");
        String fingerprint = ok(gpgEnv, "gpg", "--batch", "--with-colons", "--list-secret-keys").stdout().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];

        Path release = copyOfRelease();
        CommandResult signed = ok(Map.of("GNUPGHOME", gnupgHome.toString(), "GPG_FINGERPRINT", fingerprint),
                "scripts/release", "--sign", release.toString());
        Path sums = release.resolve(ReleaseArchiveTest.NAME + "_" + ReleaseArchiveTest.version() + "_SHA256SUMS");
        Path signature = Paths.get(sums + ".sig");
        assertTrue(Files.exists(signature), signed.describe());
        byte[] head = Files.readAllBytes(signature);
        assertFalse(new String(head, 0, Math.min(head.length, 10), StandardCharsets.ISO_8859_1).startsWith("-----"),
                "the signature must be binary, not armored");
        CommandResult verify = ok(gpgEnv, "gpg", "--batch", "--status-fd", "1", "--verify", signature.toString(), sums.toString());
        assertTrue(verify.stdout().contains("VALIDSIG " + fingerprint), verify.describe());
        ok(Map.of(), "sh", "-c", "cd \"$0\" && sha256sum -c " + sums.getFileName(), release.toString());

        // Every zip the sums list, with a launcher of its own platform.
        List<String> zips = Files.readAllLines(sums).stream().map(l -> l.split("  ", 2)[1])
                .filter(n -> n.endsWith(".zip")).toList();
        assertEquals(ReleaseArchiveTest.platforms().size(), zips.size(), zips.toString());
        for (String zip : zips) {
            String platform = zip.substring((ReleaseArchiveTest.NAME + "_" + ReleaseArchiveTest.version() + "_").length(),
                    zip.length() - ".zip".length());
            Path unpacked = Files.createDirectory(temp.resolve("unpacked-" + platform));
            ok(Map.of(), "unzip", "-q", release.resolve(zip).toString(), "-d", unpacked.toString());
            String executable = ReleaseArchiveTest.NAME + "_v" + ReleaseArchiveTest.version()
                    + (platform.startsWith("windows") ? ".exe" : "");
            String says = ok(Map.of(), "file", "-b", unpacked.resolve(executable).toString()).stdout();
            assertTrue(says.startsWith(FILE_SAYS.get(platform)), platform + ": file says " + says);
        }
        // Tampering shows.
        Files.writeString(sums, "0000  extra\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(run(gpgEnv, "gpg", "--batch", "--verify", signature.toString(), sums.toString()).exitCode() != 0);
    }

    @Test
    void withoutAKeyTheSumsStayUnsignedAndOneLineSaysSo() throws Exception {
        Path release = copyOfRelease();
        CommandResult result = ok(Map.of("GPG_FINGERPRINT", ""), "scripts/release", "--sign", release.toString());
        assertEquals(1, result.stdout().lines().filter(l -> l.contains("not signed")).count(), result.describe());
        try (Stream<Path> files = Files.list(release)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".sig")));
        }
    }

    private Path copyOfRelease() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("release"));
        try (Stream<Path> files = Files.list(ReleaseArchiveTest.releaseDir())) {
            for (Path f : files.filter(p -> !p.toString().endsWith(".sig")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Paths.get(dir, program)));
    }

    private CommandResult ok(Map<String, String> env, String... command) throws Exception {
        CommandResult result = run(env, command);
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    private CommandResult run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new CommandResult(String.join(" ", command), process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
