package io.tfhyperstack.service;

import java.nio.charset.StandardCharsets;

/**
 * One message between the launcher and the service: a type byte and a payload (docs/provider-service.md).
 *
 * @param type one of the constants below
 * @param payload the bytes after the length
 */
@SuppressWarnings("ArrayRecordComponent") // a frame is written or read once; never compared or hashed
public record Frame(byte type, byte[] payload) {
    /** Launcher to service: open a session. */
    public static final byte START = 'S';
    /** Launcher to service: report status. */
    public static final byte STATUS = 'T';
    /** Launcher to service: stop. */
    public static final byte STOP = 'Q';
    /** Service to launcher: bytes for the launcher's stdout. */
    public static final byte STDOUT = 'O';
    /** Service to launcher: bytes for the launcher's stderr. */
    public static final byte STDERR = 'E';
    /** Service to launcher: the session ended with this exit code. */
    public static final byte EXIT = 'X';
    /** Service to launcher: refused, with a reason. */
    public static final byte REFUSED = 'R';
    /** Service to launcher: the text answer to a status or stop request. */
    public static final byte DATA = 'D';

    /** Larger payloads are refused: the largest real one, an environment, is a few kilobytes. */
    public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    public static Frame text(byte type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame exit(int code) {
        return new Frame(EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code});
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
