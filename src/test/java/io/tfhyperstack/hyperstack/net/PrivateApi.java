package io.tfhyperstack.hyperstack.net;

import io.tfhyperstack.simulator.Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The API as a corporate network sees it, for tests: the simulator over HTTPS with a certificate for
 * {@code hostName} from a CA made for the run (its PEM in {@link #caFile()}), the simulator over HTTP,
 * and a forward proxy that alone knows where {@code hostName} is.
 */
public final class PrivateApi implements AutoCloseable {
    public final String hostName;
    public final Simulator https;
    public final Simulator http;
    public final TestForwardProxy proxy = new TestForwardProxy();
    private final Path caFile;

    public PrivateApi(String hostName, Duration stepDelay) {
        this.hostName = hostName;
        TestCertificates authority = TestCertificates.newAuthority("Test Corp Root CA");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            https = Simulator.builder().tls(authority.serverFor(hostName)).stepDelay(stepDelay).log(quiet).build()
                    .start();
            http = Simulator.builder().stepDelay(stepDelay).log(quiet).build().start();
            caFile = authority.writeAuthority(Files.createTempFile("test-ca", ".pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        proxy.route(hostName, httpsAddress());
    }

    /** {@code https://hostName:port/v1}: reachable through {@link #proxy} only. */
    public String httpsApi() {
        return "https://" + hostName + ":" + https.port() + "/v1";
    }

    /** The simulators listen on IPv4 loopback; named as bytes so no name is ever looked up. */
    private static final InetAddress LOOPBACK_V4 = loopbackV4();

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public InetSocketAddress httpsAddress() {
        return new InetSocketAddress(LOOPBACK_V4, https.port());
    }

    public InetSocketAddress httpAddress() {
        return new InetSocketAddress(LOOPBACK_V4, http.port());
    }

    public Path caFile() {
        return caFile;
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        https.close();
        http.close();
        Files.deleteIfExists(caFile);
    }
}
