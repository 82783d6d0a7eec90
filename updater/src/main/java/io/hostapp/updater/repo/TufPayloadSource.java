package io.hostapp.updater.repo;

import io.hostapp.manifest.ImageManifest;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.client.RepositoryClient;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.PayloadSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A payload named by verified repository metadata. Every byte is checked against the signed target
 * (length and hashes, at the end of the stream, by the TUF client's {@code VerifyingInputStream}), and the
 * image it produces against the signed {@code image.length}/{@code image.sha256}, which take the place of a
 * sidecar. Streams straight into the slot, or through the download cache when it is on and has room.
 */
final class TufPayloadSource implements PayloadSource {
    private final RepositoryClient client;
    private final TargetFile target;
    private final PayloadInfo info;
    private final HttpFetcher http;
    private final TufFetcher tufFetcher;
    private final DownloadCache cache;
    private final DownloadCache.Transfer transfer = new DownloadCache.Transfer();
    private final String url;

    TufPayloadSource(RepositoryClient client, TargetFile target, PayloadInfo info, HttpFetcher http,
                     TufFetcher tufFetcher, DownloadCache cache) throws UpdateException {
        this.client = client;
        this.target = target;
        this.info = info;
        this.http = http;
        this.tufFetcher = tufFetcher;
        this.cache = cache != null && cache.hasRoomFor(target.length()) ? cache : null;
        try {
            this.url = client.targetUrl(target).toString();
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.METADATA, e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return url;
    }

    /** The signed image length and hash: what the written slot must read back as. */
    @Override
    public Optional<ImageManifest> manifest() {
        return Optional.of(new ImageManifest(info.imageLength(), info.imageSha256(), Optional.of(info.version()),
                Optional.of(info.board())));
    }

    @Override
    public long storedSize() {
        return target.length();
    }

    @Override
    public void check() {
        // the target was verified with the metadata; the download checks its bytes
    }

    @Override
    public InputStream open() throws UpdateException {
        try {
            if (cache != null) {
                Path file = cache.fetch(http, url, target.length(), transfer);
                if (client.findCached(target, file).isEmpty()) {
                    cache.forget(url);
                    throw new UpdateException(ExitCode.VERIFY, url + ": downloaded file does not match the signed "
                            + "length and hashes of target '" + target.path() + "'");
                }
                return Files.newInputStream(file);
            }
            return client.openTarget(target);
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.METADATA, e.getMessage(), e);
        } catch (FetchException e) {
            throw new UpdateException(e.kind() == FetchException.Kind.TOO_LONG ? ExitCode.VERIFY : ExitCode.NETWORK,
                    "download " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.NETWORK, "download " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resumes a structured payload at an operation boundary with a range request. The TUF client's whole-file
     * check cannot span a resume, so here each operation's own hash and the signed image hash, checked on the
     * slot's read-back, carry the verification.
     */
    @Override
    public InputStream open(long offset) throws UpdateException {
        if (offset == 0 || cache != null) {
            return PayloadSource.super.open(offset);
        }
        try {
            return http.resume(url, target.length(), offset, null);
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.NETWORK, "download " + e.getMessage(), e);
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
        tufFetcher.cancel();
    }

    @Override
    public long fetched() {
        return transfer.received() + tufFetcher.received();
    }

    @Override
    public String transferSummary() {
        return "fetched " + fetched() + " bytes for " + target.path() + ", metadata included (" + (transfer.refetched()
                + tufFetcher.refetched()) + " fetched again)";
    }

    @Override
    public String defaultVersion() {
        return info.version();
    }
}
