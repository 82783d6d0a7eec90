package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException.Check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@link Fetcher} for {@code file:} URLs: a repository on local disk or removable media, and the
 * publisher's {@code verify}. A missing file is reported as HTTP 404, so the client treats it exactly
 * as a web server's "not found".
 */
public final class FileFetcher implements Fetcher {

    @Override
    public InputStream open(String role, URI url, long maxLength) throws DownloadException {
        if (!"file".equals(url.getScheme())) {
            throw new DownloadException(role, Check.DOWNLOAD, url + ": not a file: URL");
        }
        Path p = Path.of(url);
        try {
            if (Files.size(p) > maxLength) {
                throw new DownloadException(role, Check.SIZE_LIMIT, url + ": " + Files.size(p)
                        + " bytes, at most " + maxLength + " allowed");
            }
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new DownloadException(role, Check.DOWNLOAD, url + ": not found", 404, e);
        } catch (IOException e) {
            throw new DownloadException(role, Check.DOWNLOAD, url + ": " + e.getMessage(), e);
        }
    }
}
