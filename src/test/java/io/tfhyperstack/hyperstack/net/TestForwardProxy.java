package io.tfhyperstack.hyperstack.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forward proxy for tests, on loopback: absolute-URI HTTP requests and CONNECT tunnels, to the host
 * names it was given routes for only (names that need not resolve anywhere else), optionally asking for
 * Basic credentials. It remembers every request line and every Proxy-Authorization it saw.
 */
public final class TestForwardProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-forward-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    public TestForwardProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    /** Requests for {@code hostName} (any port) go to {@code target}. */
    public TestForwardProxy route(String hostName, InetSocketAddress target) {
        routes.put(hostName.toLowerCase(Locale.ROOT), target);
        return this;
    }

    /** Answer 407 unless the request carries these Basic credentials. */
    public TestForwardProxy requireCredentials(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public String url(String user, String password) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + server.getLocalPort();
    }

    /** Request lines seen, e.g. {@code CONNECT host:443} or {@code GET http://host/v1/...}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Proxy-Authorization values seen. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public void reset() {
        requests.clear();
        authorizations.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] line = head.get(0).split(" ");
            String method = line[0];
            String target = line[1];
            requests.add(method + " " + target);
            String authorization = header(head, "proxy-authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            String required = requiredAuthorization;
            if (required != null && !required.equals(authorization)) {
                answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n");
                return;
            }
            if (method.equals("CONNECT")) {
                tunnel(client, target);
            } else {
                forward(in, out, method, URI.create(target), head);
            }
        } catch (IOException ended) {
            // the client or the target went away: nothing to clean up beyond the sockets
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        InetSocketAddress target = routes.get(authority.substring(0, colon).toLowerCase(Locale.ROOT));
        if (target == null) {
            answer(client.getOutputStream(), "502 Bad Gateway", "");
            return;
        }
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            threads.execute(() -> pipe(client, upstream));
            pipe(upstream, client);
        }
    }

    private void forward(InputStream in, OutputStream out, String method, URI uri, List<String> head)
            throws IOException {
        InetSocketAddress target = uri.getHost() == null ? null : routes.get(uri.getHost().toLowerCase(Locale.ROOT));
        if (target == null) {
            answer(out, "502 Bad Gateway", "");
            return;
        }
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
            int length = 0;
            for (String h : head.subList(1, head.size())) {
                String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
                }
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    request.append(h).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(in.readNBytes(length));
            up.flush();
            // The proxy says Connection: close back, so the client opens a new connection next time.
            upstream.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    private static String header(List<String> head, String name) {
        for (String h : head.subList(1, head.size())) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
