package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryLayout;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.Expiries;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.PublisherLock;
import io.hostapp.updater.repo.publish.PublisherKeys;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code --keys DIR}, {@code --now INSTANT}, {@code --expires ROLE=DURATION}: shared by the verbs that sign. */
final class RepoOptions {
    @Option(names = "--keys", paramLabel = "DIR",
            description = "Private keys directory, outside the served tree (default: REPO/../keys).")
    Path keys;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Sign as if it were INSTANT (ISO-8601, e.g. 2030-01-01T00:00:00Z): pre-signing, tests.")
    String now;

    @Option(names = "--expires", paramLabel = "ROLE=DURATION",
            description = {"Override an expiry: timestamp=6h, root=730d (units s m h d w).",
                    "Defaults: timestamp 1d, snapshot 7d, targets 90d, root 365d."})
    List<String> expires = new ArrayList<>();

    PublisherKeys keys(Path repo) throws UpdateException {
        PublisherKeys k = new PublisherKeys(keys != null ? keys : PublisherKeys.defaultDir(repo));
        k.requireOutside(repo);
        return k;
    }

    Clock clock() throws UpdateException {
        return clock(now);
    }

    static Clock clock(String now) throws UpdateException {
        if (now == null) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UpdateException(ExitCode.USAGE, "--now " + now + ": not an ISO-8601 instant like 2030-01-01T00:00:00Z");
        }
    }

    ExpiryPolicy expiry() throws UpdateException {
        return Expiries.parse(expires);
    }

    /** Opens an initialized repository. */
    RepositoryPublisher open(Path repo) throws UpdateException {
        return open(repo, clock(), expiry());
    }

    static RepositoryPublisher open(Path repo, Clock clock, ExpiryPolicy expiry) throws UpdateException {
        requireInitialized(repo);
        PublisherLock.acquire(repo);
        try {
            return RepositoryPublisher.open(repo, clock, expiry);
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
    }

    static void requireInitialized(Path repo) throws UpdateException {
        RepositoryLayout layout = new RepositoryLayout(repo);
        try {
            if (layout.newestRootVersion().isEmpty() && !Files.exists(layout.stagedRoot())) {
                throw new UpdateException(ExitCode.REPOSITORY, repo + ": not a repository (no metadata/N.root.json; "
                        + "create one with 'hostapp-repo init " + repo + "')");
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.REPOSITORY, repo + ": cannot read: " + e.getMessage(), e);
        }
    }
}
