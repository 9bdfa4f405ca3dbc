package io.tfhyperstack.provider.resource;

import io.tfhyperstack.hyperstack.Cancellation;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** One attempt to open a TCP connection; injectable, so that tests of the wait spend no real time. */
@FunctionalInterface
interface PortProbe {
    /** What one attempt found: whether the port took the connection, and in words what happened. */
    record Outcome(boolean open, String description) {
        static Outcome opened() {
            return new Outcome(true, "open");
        }

        static Outcome failed(String why) {
            return new Outcome(false, why);
        }
    }

    /**
     * Tries once to connect to {@code address}:{@code port}, giving up after {@code limit} or as soon as
     * {@code cancellation} fires.
     */
    Outcome attempt(String address, int port, Duration limit, Cancellation cancellation);

    /** Real TCP connections, closed again at once. */
    @SuppressWarnings("try") // the registration is only held for its close()
    static PortProbe tcp() {
        return (address, port, limit, cancellation) -> {
            try (Socket socket = new Socket();
                 Cancellation.Registration r = cancellation.onCancel(() -> closeQuietly(socket))) {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, limit.toMillis()));
                return Outcome.opened();
            } catch (SocketTimeoutException e) {
                return Outcome.failed("no answer within " + limit.toMillis() + " ms");
            } catch (ConnectException e) {
                return Outcome.failed("connection refused");
            } catch (NoRouteToHostException e) {
                return Outcome.failed("no route to host");
            } catch (UnknownHostException e) {
                return Outcome.failed("unknown host");
            } catch (IOException e) {
                return Outcome.failed(cancellation.isCancelled() ? "stopped" : "failed: " + e.getMessage());
            }
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only interrupts the connect; nothing else depends on it
        }
    }
}
