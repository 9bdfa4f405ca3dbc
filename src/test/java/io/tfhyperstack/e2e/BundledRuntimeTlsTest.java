package io.tfhyperstack.e2e;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tfhyperstack.e2e.support.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundled runtime's TLS, which depends on modules that jdeps cannot see (the SunEC provider for
 * ECDHE and EC certificates) and on the trust store jlink copies: an HTTPS request with an EC server
 * certificate over TLS 1.3 and 1.2, and a default trust store with the usual public CAs. (The plugin's
 * own AutoMTLS with Terraform runs in BundledRuntimeInstallTest.)
 */
class BundledRuntimeTlsTest {
    @TempDir
    Path temp;

    @Test
    void httpsWithAnEcCertificateWorksOnEveryProtocolVersionAndTheCasAreThere() throws Exception {
        assumeTrue(ReleaseArchiveTest.runtimeExpected(), "the build's JDK is not a JDK 17 with jmods: no runtime");
        Path java = unpackedRuntime().resolve("bin/java");
        Path keyStore = temp.resolve("server.p12");
        String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "1"));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://localhost:" + server.getAddress().getPort() + "/";
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                CommandResult probe = run(List.of(java.toString(), "-Djdk.tls.client.protocols=" + protocol,
                        "-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                        "-cp", testClasses(), "io.tfhyperstack.e2e.support.TlsProbe", url));
                assertTrue(probe.stdout().startsWith("status 204 cipher TLS_"), protocol + ": " + probe.describe());
                if (protocol.equals("TLSv1.2")) {
                    assertTrue(probe.stdout().contains("ECDHE_ECDSA"), probe.describe());
                }
            }
        } finally {
            server.stop(0);
        }
        CommandResult cas = run(List.of(java.toString(), "-cp", testClasses(), "io.tfhyperstack.e2e.support.TlsProbe", "cacerts"));
        int trusted = Integer.parseInt(cas.stdout().trim().replace("trusted ", ""));
        assertTrue(trusted > 50, "the runtime trusts only " + trusted + " certificates");
    }

    private Path unpackedRuntime() throws Exception {
        Path zip = ReleaseArchiveTest.releaseDir().resolve(ReleaseArchiveTest.NAME + "_" + ReleaseArchiveTest.version()
                + "_linux_amd64.zip");
        run(List.of("unzip", "-q", zip.toString(), "jre/*", "-d", temp.toString()));
        return temp.resolve("jre");
    }

    private static String testClasses() {
        return Paths.get("target", "test-classes").toAbsolutePath().toString();
    }

    private CommandResult run(List<String> command) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        CommandResult result = new CommandResult(String.join(" ", command), process.exitValue(),
                Files.readString(out), Files.readString(err));
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }
}
