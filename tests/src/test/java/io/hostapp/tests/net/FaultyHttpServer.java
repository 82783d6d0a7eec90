package io.hostapp.tests.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server for the faults WireMock cannot script: a body cut off mid-way, a stall after
 * some bytes, a dribble, a lying Content-Length, content that changes between requests. Each request gets a
 * number (1, 2, ...) and the test's {@link Script} decides what that request sees. Range and If-Range are
 * honoured the way a real server does, unless the script says otherwise.
 */
public final class FaultyHttpServer implements AutoCloseable {

    /** What one response does. */
    public record Plan(byte[] content, String etag, int cutAfter, boolean stall, int dribbleBytesPerSecond,
                long declaredLength, boolean ignoreRange, int extraJunk, boolean reset, boolean endlessHeaders) {
        public static Plan normal(byte[] content, String etag) {
            return new Plan(content, etag, -1, false, 0, -1, false, 0, true, false);
        }

        /** Sends {@code n} body bytes, then resets the connection (RST: in-flight bytes may be lost). */
        public Plan cutAfter(int n) {
            return new Plan(content, etag, n, false, dribbleBytesPerSecond, declaredLength, ignoreRange, extraJunk, true, endlessHeaders);
        }

        /** Sends {@code n} body bytes, then closes normally (FIN): the client sees them all, then an early end. */
        public Plan closeAfter(int n) {
            return new Plan(content, etag, n, false, dribbleBytesPerSecond, declaredLength, ignoreRange, extraJunk, false, endlessHeaders);
        }

        public Plan stallAfter(int n) {
            return new Plan(content, etag, n, true, dribbleBytesPerSecond, declaredLength, ignoreRange, extraJunk, reset, endlessHeaders);
        }

        public Plan dribble(int bytesPerSecond, int forBytes) {
            return new Plan(content, etag, forBytes, false, bytesPerSecond, declaredLength, ignoreRange, extraJunk, reset, endlessHeaders);
        }

        public Plan declaring(long length) {
            return new Plan(content, etag, cutAfter, stall, dribbleBytesPerSecond, length, ignoreRange, extraJunk, reset, endlessHeaders);
        }

        public Plan ignoringRange() {
            return new Plan(content, etag, cutAfter, stall, dribbleBytesPerSecond, declaredLength, true, extraJunk, reset, endlessHeaders);
        }

        /** Sends header lines for ever (a server that never ends its headers). */
        public Plan headersForever() {
            return new Plan(content, etag, cutAfter, stall, dribbleBytesPerSecond, declaredLength, ignoreRange, extraJunk,
                    reset, true);
        }

        /** Sends the content, then {@code n} more junk bytes, close-delimited (no Content-Length). */
        public Plan endless(int n) {
            return new Plan(content, etag, cutAfter, stall, dribbleBytesPerSecond, -2, ignoreRange, n, reset, endlessHeaders);
        }
    }

    public interface Script {
        Plan plan(int requestNumber, Map<String, String> headers);
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    public FaultyHttpServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "faulty-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "faulty-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            Map<String, String> headers = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                int c = line.indexOf(':');
                if (c > 0) {
                    headers.put(line.substring(0, c).strip().toLowerCase(Locale.ROOT), line.substring(c + 1).strip());
                }
            }
            String path = requestLine.split(" ")[1];
            if (path.endsWith(".manifest.json")) {
                write(s.getOutputStream(), "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new byte[0]);
                return;
            }
            Plan p = script.plan(requests.incrementAndGet(), headers);
            respond(s, p, headers);
        } catch (IOException | InterruptedException e) {
            // the client went away: nothing to do
        }
    }

    private void respond(Socket s, Plan p, Map<String, String> h) throws IOException, InterruptedException {
        long start = 0;
        String range = h.get("range");
        String ifRange = h.get("if-range");
        boolean partial = range != null && !p.ignoreRange() && (ifRange == null || ifRange.equals(p.etag()));
        if (partial) {
            start = Long.parseLong(range.replace("bytes=", "").replace("-", "").strip());
            if (start >= p.content().length) {
                write(s.getOutputStream(), "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */"
                        + p.content().length + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new byte[0]);
                return;
            }
        }
        if (p.endlessHeaders()) {
            OutputStream o = s.getOutputStream();
            o.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] junk = ("X-Padding: " + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 100_000 && !closed; i++) {
                o.write(junk); // 100 MB of header lines unless the client hangs up first
            }
            return;
        }
        int len = p.content().length - (int) start;
        StringBuilder head = new StringBuilder(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        head.append("ETag: ").append(p.etag()).append("\r\n").append("Accept-Ranges: bytes\r\n");
        if (partial) {
            head.append("Content-Range: bytes ").append(start).append('-').append(p.content().length - 1).append('/')
                    .append(p.content().length).append("\r\n");
        }
        head.append("Connection: close\r\n"); // one request per connection: say so, or clients pool it
        if (p.declaredLength() != -2) {
            head.append("Content-Length: ").append(p.declaredLength() >= 0 ? p.declaredLength() : len).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = s.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        int limit = p.cutAfter() >= 0 ? Math.min(p.cutAfter(), len) : len;
        if (p.dribbleBytesPerSecond() > 0) {
            for (int i = 0; i < limit; i++) {
                out.write(p.content()[(int) start + i]);
                out.flush();
                Thread.sleep(1000L / p.dribbleBytesPerSecond());
            }
        } else {
            out.write(p.content(), (int) start, limit);
            out.flush();
        }
        if (p.extraJunk() > 0) {
            out.write(new byte[p.extraJunk()]);
            out.flush();
        }
        if (p.stall()) {
            Thread.sleep(60_000); // hold the connection open and silent; the client's read timeout must fire
        }
        if (p.cutAfter() >= 0 && p.reset()) {
            s.setSoLinger(true, 0); // RST rather than FIN: a connection reset mid-body
        }
    }

    private static void write(OutputStream out, String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
