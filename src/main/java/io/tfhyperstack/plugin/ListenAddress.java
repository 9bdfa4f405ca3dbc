package io.tfhyperstack.plugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the gRPC server listens, in the two shapes go-plugin clients understand. */
public sealed interface ListenAddress {

    /** The NETWORK field of the handshake line. */
    String network();

    /** The ADDR field of the handshake line. */
    String address();

    /** Removes whatever the address left on disk; safe to call more than once. */
    void release();

    /** A unix socket inside a directory of its own, so that only this user can reach it. */
    record UnixSocket(Path directory, Path socket) implements ListenAddress {
        @Override
        public String network() {
            return "unix";
        }

        @Override
        public String address() {
            return socket.toString();
        }

        @Override
        public void release() {
            try {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                // Leaving an empty temp directory behind is harmless; failing the exit over it is not.
            }
        }
    }

    /** A TCP port on the loopback interface, for systems without unix sockets. */
    record Loopback(InetSocketAddress socketAddress) implements ListenAddress {
        @Override
        public String network() {
            return "tcp";
        }

        @Override
        public String address() {
            return socketAddress.getAddress().getHostAddress() + ":" + socketAddress.getPort();
        }

        @Override
        public void release() {
        }
    }
}
