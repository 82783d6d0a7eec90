package io.hostapp.updater.repo;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.client.Fetcher;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.fetch.ResumableDownload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * The TUF client's transport: the agent's resumable OkHttp fetcher, so metadata and payloads get the same
 * retries, resume, deadlines, TLS and proxy settings. It only moves bytes; the client bounds and verifies.
 */
final class TufFetcher implements Fetcher {
    private final HttpFetcher http;
    private volatile ResumableDownload last;
    private long receivedBefore;
    private long refetchedBefore;

    TufFetcher(HttpFetcher http) {
        this.http = http;
    }

    private synchronized void track(ResumableDownload d) {
        if (last != null) {
            receivedBefore += last.received();
            refetchedBefore += last.refetched();
        }
        last = d;
    }

    /** Bytes received over every download this fetcher made (metadata included). */
    synchronized long received() {
        return receivedBefore + (last != null ? last.received() : 0);
    }

    synchronized long refetched() {
        return refetchedBefore + (last != null ? last.refetched() : 0);
    }

    /** Cancels the download in progress (SIGTERM). */
    void cancel() {
        ResumableDownload d = last;
        if (d != null) {
            d.cancel();
        }
    }

    @Override
    public InputStream open(String role, URI url, long maxLength) throws DownloadException {
        ResumableDownload d;
        try {
            d = http.open(url.toString(), maxLength);
            track(d);
            d.start();
            return d;
        } catch (FetchException e) {
            throw new DownloadException(role, MetadataException.Check.DOWNLOAD, e.getMessage(),
                    e.httpStatus() > 0 ? e.httpStatus() : DownloadException.NO_STATUS, e);
        } catch (IOException e) {
            throw new DownloadException(role, MetadataException.Check.DOWNLOAD, url + ": " + e.getMessage(), e);
        }
    }
}
