package io.tfhyperstack.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's frames and session request, including what a broken or hostile peer could send. */
class FramesTest {
    @Test
    void aSessionRequestSurvivesTheRoundTrip() throws IOException {
        SessionRequest request = new SessionRequest("1", "abc", "/work", "77", List.of("a", "b"),
                Map.of("HYPERSTACK_API_KEY", "secret=with=equals", "MULTI", "line\none", "EMPTY", ""));
        SessionRequest back = SessionRequest.decode(request.encode());
        assertEquals(request, back);
        assertFalse(back.toString().contains("secret"), "the environment never shows in toString");
    }

    @Test
    void framesRoundTripAndEndOfStreamIsNull() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameConnection.write(bytes, Frame.text(Frame.STDERR, "line\n"));
        FrameConnection.write(bytes, Frame.exit(3));
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
        assertEquals("line\n", FrameConnection.read(in).text());
        Frame exit = FrameConnection.read(in);
        assertEquals(Frame.EXIT, exit.type());
        assertEquals(3, exit.payload()[3]);
        assertNull(FrameConnection.read(in));
    }

    @Test
    void aHugeDeclaredPayloadIsRefusedBeforeAllocating() {
        byte[] header = {'S', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        IOException e = assertThrows(IOException.class, () -> FrameConnection.read(new ByteArrayInputStream(header)));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void aTruncatedFrameIsAnError() {
        byte[] frame = {'S', 0, 0, 0, 10, 1, 2};
        assertThrows(IOException.class, () -> FrameConnection.read(new ByteArrayInputStream(frame)));
    }

    @Test
    void lyingCountsAndLengthsInARequestAreRefused() {
        byte[] hugeCount = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(IOException.class, () -> SessionRequest.decode(hugeCount));
        byte[] hugeString = {0, 0, 0, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(IOException.class, () -> SessionRequest.decode(hugeString));
        byte[] shortHeader = new SessionRequest("1", "k", "/", "1", List.of(), Map.of()).encode();
        shortHeader[3] = 2;
        assertThrows(IOException.class, () -> SessionRequest.decode(shortHeader));
        assertThrows(IOException.class, () -> SessionRequest.decode(new byte[] {0, 0}));
    }

    @Test
    void settingsComeFromArguments() {
        ServiceSettings settings = ServiceSettings.parse(new String[] {"--socket", "/tmp/s.sock", "--key", "k",
                "--jar", "/tmp/p.jar", "--log", "", "--idle-seconds", "90"});
        assertEquals(90, settings.idle().toSeconds());
        assertNull(settings.log());
        assertThrows(IllegalArgumentException.class, () -> ServiceSettings.parse(new String[] {"--socket", "/s"}));
        assertThrows(IllegalArgumentException.class, () -> ServiceSettings.parse(new String[] {"--socket", "/s",
                "--key", "k", "--jar", "/j", "--idle-seconds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ServiceSettings.parse(new String[] {"--bogus", "x"}));
    }
}
