package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.LengthOrHashMismatchException;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.metadata.TargetFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Writing a verified target to a file, and recognizing one already there. */
final class TargetDownload {

    private TargetDownload() {
    }

    static Optional<Path> findCached(TargetFile target, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        TargetHashes h = new TargetHashes(target.path(), OptionalLong.of(target.length()), target.hashes());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                h.update(buf, 0, n);
                if (h.length() > target.length()) {
                    return Optional.empty();
                }
            }
            h.verify();
            return Optional.of(file);
        } catch (IOException | LengthOrHashMismatchException e) {
            return Optional.empty();
        }
    }

    /** Streams into a temp file beside {@code file}; renames over it only after verification at EOF. */
    static Path toFile(VerifyingInputStream in, TargetFile target, Path file) throws ManifestException {
        try (in) {
            AtomicFiles.write(file, out -> {
                in.transferTo(out);
                if (!in.isVerified()) {
                    throw new IOException("stream ended before verification");
                }
            });
            return file;
        } catch (VerifyingInputStream.VerificationFailure e) {
            throw e.failure();
        } catch (IOException e) {
            throw new DownloadException(target.path(), Check.DOWNLOAD, "cannot download to " + file + ": " + e.getMessage(), e);
        }
    }
}
