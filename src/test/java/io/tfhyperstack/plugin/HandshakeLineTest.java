package io.tfhyperstack.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HandshakeLineTest {

    @Test
    void certificateIsBase64WithoutPadding() {
        ListenAddress address = new ListenAddress.UnixSocket(Path.of("/tmp/p"), Path.of("/tmp/p/provider.sock"));
        // One byte encodes to "AQ==" in padded base64; Go wants "AQ".
        assertEquals("1|6|unix|/tmp/p/provider.sock|grpc|AQ", new HandshakeLine(6, address, new byte[] {1}).format());
    }

    @Test
    void plaintextLeavesTheCertificateEmpty() {
        ListenAddress address = new ListenAddress.Loopback(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 12345));
        assertEquals("1|6|tcp|127.0.0.1:12345|grpc|", new HandshakeLine(6, address, null).format());
    }

    @Test
    void protocolSixIsPickedFromAnyOrder() throws Exception {
        assertEquals(6, ProtocolVersions.negotiate("6,5"));
        assertEquals(6, ProtocolVersions.negotiate("5, 6"));
        assertThrows(LaunchFailure.class, () -> ProtocolVersions.negotiate("5"));
    }

    @Test
    void reattachValueNamesTheProviderAndTheSocket() {
        ListenAddress address = new ListenAddress.UnixSocket(Path.of("/tmp/p"), Path.of("/tmp/p/provider.sock"));
        assertEquals("{\"registry.terraform.io/tfhyperstack/hyperstack\":{\"Protocol\":\"grpc\",\"ProtocolVersion\":6,"
                + "\"Pid\":42,\"Test\":true,\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/p/provider.sock\"}}}",
                DebugReattach.reattachJson(address, 42, 6));
    }
}
