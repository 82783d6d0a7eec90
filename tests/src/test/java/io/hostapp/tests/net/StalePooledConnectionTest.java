package io.hostapp.tests.net;

import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.fetch.ResumableDownload;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server that closes a connection after one response without saying so (no {@code Connection: close}: an
 * HTTP/1.0-style server, or one whose keep-alive timeout ran out while the connection sat in the client's
 * pool). The client's next request on that connection fails before any response; it is retried at once on a
 * new connection, without a backoff and without counting as a failed attempt.
 */
class StalePooledConnectionTest {
    static final byte[] BODY = "payload bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aRequestOnAConnectionTheServerClosedIsRetriedAtOnce() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Duration> sleeps = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, connections), "one-response-per-connection");
            t.setDaemon(true);
            t.start();
            HttpFetcher.Clock clock = new HttpFetcher.Clock() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleep(Duration d) {
                    sleeps.add(d);
                }
            };
            UpdateListener listener = new UpdateListener() {
                @Override
                public void fetchRetry(String url, long position, int attempt, Duration delay, String reason) {
                    retries.add(reason);
                }
            };
            HttpFetcher fetcher = HttpFetcher.create(FetchConfig.DEFAULT, FetchPolicy.defaults(), listener, Map.of(), clock);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/metadata/timestamp.json";
            for (int i = 0; i < 3; i++) {
                try (ResumableDownload d = fetcher.open(url, -1)) {
                    assertArrayEquals(BODY, d.readAllBytes(), "request " + i);
                }
            }
            assertEquals(List.of(), retries, "no retry with a backoff");
            assertEquals(List.of(), sleeps, "no sleep");
            assertEquals(3, connections.get(), "one new connection per request");
        }
    }

    private static void serve(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // the request's headers: not needed
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(BODY);
                out.flush();
                // closes here, after one response, without having said "Connection: close"
            } catch (IOException e) {
                return;
            }
        }
    }
}
