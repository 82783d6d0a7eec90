package io.hostapp.updater.install;

import io.hostapp.manifest.ImageManifest;
import io.hostapp.manifest.ManifestException;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A payload streamed from an http(s) URL ({@code -i URL}), with its sidecar at {@code URL.manifest.json}
 * when the server has one. Bytes flow from the socket straight into the slot writer; a dropped connection
 * fails the install cleanly (resumable downloads come with the fetcher).
 */
public final class UrlPayloadSource implements PayloadSource {
    private final String url;
    private final OkHttpClient client;
    private long contentLength = -1;

    public UrlPayloadSource(String url) {
        this.url = url;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(30, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .build();
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public Optional<ImageManifest> manifest() throws UpdateException {
        String sidecar = url + ImageManifest.SIDECAR_SUFFIX;
        try (Response r = client.newCall(new Request.Builder().url(sidecar).build()).execute()) {
            if (r.code() == 404) {
                return Optional.empty();
            }
            if (!r.isSuccessful()) {
                throw new UpdateException(ExitCode.INPUT, sidecar + ": HTTP " + r.code());
            }
            byte[] body = r.body().source().readByteArray(Math.min(r.body().contentLength() < 0 ? 65536
                    : r.body().contentLength(), 65536));
            return Optional.of(ImageManifest.parse(body, sidecar));
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, sidecar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long storedSize() {
        return contentLength;
    }

    @Override
    public InputStream open() throws UpdateException {
        Response r;
        try {
            r = client.newCall(new Request.Builder().url(url).build()).execute();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, url + ": " + e.getMessage(), e);
        }
        if (!r.isSuccessful()) {
            r.close();
            throw new UpdateException(ExitCode.INPUT, url + ": HTTP " + r.code());
        }
        ResponseBody body = r.body();
        contentLength = body.contentLength();
        return body.byteStream();
    }

    @Override
    public String defaultVersion() {
        String path = url.replaceAll("[?#].*$", "");
        return FilePayloadSource.stripSuffixes(path.substring(path.lastIndexOf('/') + 1));
    }
}
