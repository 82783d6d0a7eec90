package io.hostapp.manifest.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.client.ClientConfig;
import io.hostapp.manifest.client.FileFetcher;
import io.hostapp.manifest.client.RepositoryClient;
import io.hostapp.manifest.client.TrustedMetadata;
import io.hostapp.manifest.metadata.TargetFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Checks a published tree the way a device would: runs the full client workflow against it over
 * {@code file:} URLs, starting from a trusted root the caller supplies (ideally the one devices were
 * provisioned with, so the whole root chain is walked), then downloads and verifies every target of
 * top-level targets. Nothing in the repository is modified.
 */
public final class TreeVerifier {

    /** What a successful verification saw. */
    public record Report(TrustedMetadata metadata, int targetsVerified) {
    }

    private TreeVerifier() {
    }

    /**
     * @param repoDir     the repository root (with {@code metadata/} and {@code targets/})
     * @param trustedRoot root metadata bytes to start from, e.g. {@code metadata/1.root.json}
     * @throws io.hostapp.manifest.MetadataException the first check a device would fail
     */
    public static Report verify(Path repoDir, byte[] trustedRoot, Clock clock) throws ManifestException {
        RepositoryLayout layout = new RepositoryLayout(repoDir);
        Path work;
        try {
            work = Files.createTempDirectory("hostapp-verify");
        } catch (IOException e) {
            throw new ManifestException("verify: cannot create a temp directory: " + e.getMessage(), e);
        }
        try {
            RepositoryClient.bootstrap(work.resolve("metadata"), trustedRoot);
            ClientConfig cfg = ClientConfig.of(work.resolve("metadata"), layout.metadataDir().toUri(),
                    layout.targetsDir().toUri()).withFetcher(new FileFetcher()).withClock(clock);
            RepositoryClient client = new RepositoryClient(cfg);
            TrustedMetadata trusted = client.refresh();
            int n = 0;
            for (TargetFile t : trusted.targets().targets().values()) {
                try (InputStream in = client.openTarget(t)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (io.hostapp.manifest.client.VerifyingInputStream.VerificationFailure e) {
                    throw e.failure();
                } catch (IOException e) {
                    throw new ManifestException("target " + t.path() + ": cannot read: " + e.getMessage(), e);
                }
                n++;
            }
            return new Report(trusted, n);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
