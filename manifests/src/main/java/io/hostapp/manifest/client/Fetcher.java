package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;

import java.io.InputStream;
import java.net.URI;

/**
 * Fetches a file from the repository. Implementations only transport bytes: the client bounds the
 * length again and verifies everything, so a fetcher needs no trust logic. The JDK
 * {@link HttpFetcher} is the default; the device agent plugs in its own (OkHttp) fetcher.
 */
public interface Fetcher {

    /**
     * Opens {@code url} for reading.
     *
     * @param role      what is being fetched (role name or target path), for error messages
     * @param maxLength the most bytes the caller will accept; a fetcher should refuse early when the
     *                  server announces more (the caller enforces it on the stream regardless)
     * @return the body; the caller closes it
     * @throws DownloadException with {@link DownloadException#httpStatus()} set when the server answered
     *                           with anything but 200 (403/404 mean "does not exist")
     */
    InputStream open(String role, URI url, long maxLength) throws DownloadException;
}
