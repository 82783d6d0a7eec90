package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException.Check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * {@link Fetcher} over the JDK's {@link HttpClient} (HTTP/1.1, redirects followed, 30 s to connect and
 * to receive the response headers). Refuses a response whose {@code Content-Length} exceeds the allowed
 * length before reading its body.
 *
 * <p>The client is built on the first {@link #open}, not before: a JDK 17 {@link HttpClient} starts a
 * selector thread that waits in native code and cannot be closed, and at exit the JVM waits up to 300 ms
 * for such a thread. {@link ClientConfig#of} makes one of these by default, and the device agent, which
 * replaces it with its own fetcher, paid those 300 ms on every {@code check} and {@code update}.
 */
public final class HttpFetcher implements Fetcher {

    private HttpClient http; // guarded by this; built by client()
    private final Duration timeout;

    public HttpFetcher() {
        this(Duration.ofSeconds(30));
    }

    public HttpFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(timeout)
                    .build();
        }
        return http;
    }

    @Override
    public InputStream open(String role, URI url, long maxLength) throws DownloadException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client().send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DownloadException(role, Check.DOWNLOAD, url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(role, Check.DOWNLOAD, url + ": interrupted", e);
        }
        if (resp.statusCode() != 200) {
            closeQuietly(resp.body());
            throw new DownloadException(role, Check.DOWNLOAD, url + ": HTTP " + resp.statusCode(), resp.statusCode(), null);
        }
        OptionalLong announced = resp.headers().firstValueAsLong("Content-Length");
        if (announced.isPresent() && announced.getAsLong() > maxLength) {
            closeQuietly(resp.body());
            throw new DownloadException(role, Check.SIZE_LIMIT, url + ": server announces " + announced.getAsLong()
                    + " bytes, at most " + maxLength + " allowed");
        }
        return resp.body();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the response is being discarded
        }
    }
}
