package io.tfhyperstack.service;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launcher sends to open a session: who it is, and the walk's arguments and environment. The
 * environment is the launcher's whole environment, exactly as Terraform gave it: the session reads
 * its settings from it as a plugin process reads its own.
 *
 * @param protocolVersion the frame protocol's version, {@value #PROTOCOL_VERSION} today
 * @param key the build key the launcher computed
 * @param workingDirectory the launcher's working directory
 * @param launcherPid the launcher's process id, for the service's log
 */
public record SessionRequest(String protocolVersion, String key, String workingDirectory, String launcherPid,
        List<String> args, Map<String, String> environment) {
    public static final String PROTOCOL_VERSION = "1";

    public SessionRequest {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** Reads a START frame's payload: three string lists (header, arguments, NAME=value entries). */
    public static SessionRequest decode(byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        try {
            List<String> header = stringList(buffer);
            List<String> args = stringList(buffer);
            List<String> entries = stringList(buffer);
            if (header.size() < 4) {
                throw new IOException("the session header has " + header.size() + " fields, not 4");
            }
            Map<String, String> environment = new HashMap<>();
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                // Like Go's os.Environ: a name may not be empty, a value may; the first entry of a name wins.
                if (equals > 0) {
                    environment.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return new SessionRequest(header.get(0), header.get(1), header.get(2), header.get(3), args, environment);
        } catch (BufferUnderflowException e) {
            throw new IOException("the session request ends early", e);
        }
    }

    /** The START payload for this request; the launcher's encoding, for tests and tools. */
    public byte[] encode() {
        List<String> entries = new ArrayList<>();
        environment.forEach((name, value) -> entries.add(name + "=" + value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeList(out, List.of(protocolVersion, key, workingDirectory, launcherPid));
            writeList(out, args);
            writeList(out, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<String> stringList(ByteBuffer buffer) throws IOException {
        int count = buffer.getInt();
        // Each string takes at least its 4-byte length: a count beyond that is a lie, refused before allocating.
        if (count < 0 || count > buffer.remaining() / 4) {
            throw new IOException("a string list claims " + Integer.toUnsignedString(count) + " entries");
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IOException("a string claims " + Integer.toUnsignedString(length) + " bytes");
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            out.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void writeList(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public String toString() {
        // Never the environment: it holds the walk's API key.
        return "SessionRequest[launcher pid " + launcherPid + ", " + args.size() + " arguments, "
                + environment.size() + " variables]";
    }
}
