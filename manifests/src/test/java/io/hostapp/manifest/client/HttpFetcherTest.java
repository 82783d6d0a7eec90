package io.hostapp.manifest.client;

import com.sun.net.httpserver.HttpServer;
import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException.Check;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HttpFetcher} and the download bound against a real (JDK) HTTP server on loopback. */
class HttpFetcherTest {

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/endless", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, no Content-Length: only the client's bound stops it
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[8192];
                for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedByClient) {
                // expected once the client gives up
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aConfigWhoseFetcherIsReplacedStartsNoHttpClientThread() {
        // a JDK HttpClient's selector thread waits in native code, and the JVM waits up to 300 ms for it at exit
        Set<Long> before = httpClientThreads();
        ClientConfig.of(Path.of("m"), base, base).withFetcher((role, url, max) -> InputStream.nullInputStream());
        new HttpFetcher();
        assertEquals(Set.of(), newSince(before), "no HttpClient thread started before the first request");
        try (InputStream in = new HttpFetcher().open("x", base.resolve("ok"), 100)) {
            in.readAllBytes();
        } catch (IOException | DownloadException e) {
            throw new AssertionError(e);
        }
        assertTrue(!newSince(before).isEmpty(), "the first request builds the client and starts its threads");
    }

    private static Set<Long> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient-"))
                .map(Thread::getId).collect(Collectors.toSet());
    }

    private static Set<Long> newSince(Set<Long> before) {
        Set<Long> now = new HashSet<>(httpClientThreads());
        now.removeAll(before);
        return now;
    }

    @Test
    void readsABody() throws Exception {
        try (InputStream in = new HttpFetcher().open("x", base.resolve("ok"), 100)) {
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    void notFoundCarriesTheStatus() {
        DownloadException e = assertThrows(DownloadException.class, () -> new HttpFetcher().open("root", base.resolve("nope"), 100));
        assertEquals(404, e.httpStatus());
        assertTrue(e.isNotFound());
        assertEquals(Check.DOWNLOAD, e.check());
    }

    @Test
    void announcedLengthOverTheBoundIsRefusedBeforeReading() {
        DownloadException e = assertThrows(DownloadException.class, () -> new HttpFetcher().open("timestamp", base.resolve("ok"), 4));
        assertEquals(Check.SIZE_LIMIT, e.check());
    }

    @Test
    void endlessChunkedBodyStopsAtTheBound() {
        DownloadException e = assertThrows(DownloadException.class, () -> BoundedDownload.readAll("snapshot",
                new HttpFetcher().open("snapshot", base.resolve("endless"), 10_000), 10_000));
        assertEquals(Check.SIZE_LIMIT, e.check());
        assertEquals("snapshot", e.role());
    }
}
