package io.tfhyperstack.service;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a launcher's connection, from the kernel (SO_PEERCRED), not from anything
 * the peer says. The socket's directory is already private to the user; this check still holds where
 * a process could reach the socket anyway (root, or a directory whose mode someone changed).
 */
final class PeerCredentials {
    private PeerCredentials() {
    }

    /** The peer's user, or null where the platform cannot tell. */
    static UserPrincipal peerUser(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer == null ? null : peer.user();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Whether the peer runs as {@code owner}; a peer that cannot be identified is not. */
    static boolean isOwner(SocketChannel channel, UserPrincipal owner) {
        UserPrincipal peer = peerUser(channel);
        return peer != null && peer.equals(owner);
    }
}
