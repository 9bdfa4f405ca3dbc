package io.tfhyperstack.plugin;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh directory that only this user can enter, for the plugin's socket. Like Files.createTempDirectory,
 * but named from a plain random number: the JDK's version seeds a SecureRandom first, which drags the
 * security providers into the plugin's start-up on the thread that is about to announce the socket.
 * The name need not be secret; what protects the socket is that mkdir either creates a new directory
 * with mode 0700 or fails, so nothing planted at the path in advance is ever used.
 */
final class PrivateDirectory {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final int ATTEMPTS = 100;

    private PrivateDirectory() {
    }

    /** Creates {@code <parent>/plugin<digits>} with mode 0700. */
    static Path create(Path parent) throws IOException {
        FileAlreadyExistsException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            Path candidate = parent.resolve("plugin" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                Path directory = Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // The umask may strip bits at creation but never adds any; set the mode anyway, to be exact.
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                return directory;
            } catch (FileAlreadyExistsException taken) {
                last = taken;
            }
        }
        throw last;
    }
}
