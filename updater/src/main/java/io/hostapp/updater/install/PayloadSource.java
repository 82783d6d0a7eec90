package io.hostapp.updater.install;

import io.hostapp.manifest.ImageManifest;
import io.hostapp.updater.UpdateException;

import java.io.InputStream;
import java.util.Optional;

/** Where a payload comes from: a local file ({@code -f}) or a URL ({@code -i}). */
public interface PayloadSource {
    /** Names the payload in messages. */
    String describe();

    /** The payload's own sidecar manifest, if it has one (unverified: protects against corruption only). */
    Optional<ImageManifest> manifest() throws UpdateException;

    /** Size of the payload as stored (compressed or not), or -1 when unknown. */
    long storedSize();

    /** Proves the payload can be read, without side effects (a local file is opened and closed). */
    void check() throws UpdateException;

    /** Opens the payload bytes (as stored); the caller closes the stream. */
    InputStream open() throws UpdateException;

    /**
     * Opens the payload from byte {@code offset} on, to resume a structured payload at an operation boundary.
     * The default reads and discards the first bytes; network sources ask the server for a range.
     */
    default InputStream open(long offset) throws UpdateException {
        InputStream in = open();
        try {
            in.skipNBytes(offset);
            return in;
        } catch (java.io.IOException e) {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // the skip failure is what matters
            }
            throw new UpdateException(io.hostapp.updater.ExitCode.INPUT, describe() + ": cannot resume at byte "
                    + offset + ": " + e.getMessage(), e);
        }
    }

    /** Bytes downloaded from the network for this payload so far, or -1 for a local payload. */
    default long fetched() {
        return -1;
    }

    /** One line on how the transfer went (e.g. bytes fetched and refetched), or empty for a local payload. */
    default String transferSummary() {
        return "";
    }

    /**
     * The install is over with this payload: drop any local copy unless {@code keepForRetry} (an interrupted
     * download that the next attempt can resume).
     */
    default void finished(boolean keepForRetry) {
    }

    /** Stops a download in progress from another thread (SIGTERM); the install then fails cleanly. */
    default void cancel() {
    }

    /** A release name derived from the source when nothing else names it (the file name without suffixes). */
    String defaultVersion();
}
