package io.hostapp.updater.install;

import io.hostapp.manifest.ImageManifest;
import io.hostapp.manifest.ManifestException;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.fetch.ResumableDownload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A payload streamed from an http(s) URL ({@code -i URL}) through the resumable fetcher: bytes flow from the
 * socket into the decoder and the slot, and a dropped connection resumes with a range request where it
 * stopped. The sidecar, if the server has one, is {@code URL.manifest.json}.
 */
public final class UrlPayloadSource implements PayloadSource {
    /** A sidecar larger than this is not a sidecar. */
    static final int MAX_SIDECAR = 64 * 1024;

    private final String url;
    private final HttpFetcher fetcher;
    private final long maxLength;
    private final DownloadCache cache;
    private final DownloadCache.Transfer transfer = new DownloadCache.Transfer();
    private ResumableDownload last;
    private long receivedBefore;
    private long abandoned;

    /**
     * @param maxLength most bytes the payload may have as stored (the signed length), or -1 when unknown
     */
    public UrlPayloadSource(String url, HttpFetcher fetcher, long maxLength) {
        this(url, fetcher, maxLength, null);
    }

    /**
     * @param cache where to keep the download so it survives a restart, or null to stream straight into the
     *              slot; used only when {@code maxLength} is known and the data partition has room for it
     */
    public UrlPayloadSource(String url, HttpFetcher fetcher, long maxLength, DownloadCache cache) {
        this.url = url;
        this.fetcher = fetcher;
        this.maxLength = maxLength;
        this.cache = cache != null && cache.hasRoomFor(maxLength) ? cache : null;
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public Optional<ImageManifest> manifest() throws UpdateException {
        String sidecar = url + ImageManifest.SIDECAR_SUFFIX;
        try (ResumableDownload d = fetcher.open(sidecar, MAX_SIDECAR)) {
            return Optional.of(ImageManifest.parse(d.readAllBytes(), sidecar));
        } catch (FetchException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw new UpdateException(ExitCode.NETWORK, "sidecar " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.NETWORK, sidecar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long storedSize() {
        return last != null ? last.expectedTotal() : -1;
    }

    /** Checks the URL's form without a request; the download itself reports what the server does wrong. */
    @Override
    public void check() throws UpdateException {
        try {
            fetcher.open(url, maxLength).close();
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        }
    }

    @Override
    public InputStream open() throws UpdateException {
        if (cache != null) {
            try {
                return java.nio.file.Files.newInputStream(cache.fetch(fetcher, url, maxLength, transfer));
            } catch (FetchException e) {
                throw new UpdateException(e.kind() == FetchException.Kind.TOO_LONG ? ExitCode.VERIFY : ExitCode.NETWORK,
                        "download " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UpdateException(ExitCode.NETWORK, "download " + url + ": " + e.getMessage(), e);
            }
        }
        try {
            if (last != null) {
                receivedBefore += last.received();
                abandoned += last.received(); // a new download starts over: all of the old one is fetched again
            }
            last = fetcher.open(url, maxLength);
            return last;
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        }
    }

    @Override
    public void finished(boolean keepForRetry) {
        if (cache != null && !keepForRetry) {
            cache.forget(url);
        }
    }

    @Override
    public void cancel() {
        transfer.cancel();
        ResumableDownload d = last;
        if (d != null) {
            d.cancel();
        }
    }

    @Override
    public long fetched() {
        return received();
    }

    @Override
    public String transferSummary() {
        return "fetched " + received() + " bytes (" + refetched() + " fetched again, " + reconnects()
                + " reconnections)";
    }

    /** Resumes at {@code offset} with a range request (or in the cached file). */
    @Override
    public InputStream open(long offset) throws UpdateException {
        if (offset == 0 || cache != null) {
            return PayloadSource.super.open(offset);
        }
        try {
            if (last != null) {
                receivedBefore += last.received();
            }
            last = fetcher.resume(url, maxLength, offset, null);
            return last;
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        }
    }

    /** Bytes received from the network over every download of this payload (a restart included). */
    public long received() {
        return transfer.received() + receivedBefore + (last != null ? last.received() : 0);
    }

    /** Bytes fetched more than once: downloads started over, plus prefixes a server resent despite a range. */
    public long refetched() {
        return transfer.refetched() + abandoned + (last != null ? last.refetched() : 0);
    }

    /** Reconnections of the current download. */
    public int reconnects() {
        return last != null ? last.reconnects() : 0;
    }

    @Override
    public String defaultVersion() {
        String path = url.replaceAll("[?#].*$", "");
        return FilePayloadSource.stripSuffixes(path.substring(path.lastIndexOf('/') + 1));
    }
}
