package io.tfhyperstack.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The jar as the file system sees it: size, modification time and file (inode) identity. A new build or
 * a reinstalled release changes at least one of them; the service then has old code loaded and must
 * leave the walks to a service of the new build.
 */
record JarIdentity(long size, FileTime modified, Object fileKey) {
    /** The jar's identity now, or null when it is gone or unreadable. */
    static JarIdentity of(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return new JarIdentity(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
