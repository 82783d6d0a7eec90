package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.PublisherKeys;
import io.hostapp.updater.repo.publish.RootStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-repo publish}: sign the staged changes and write the next metadata versions. */
@Command(name = "publish", description = {"Sign and publish the staged changes (new metadata versions).",
        "A staged root version first (it needs its signatures), then targets, snapshot and timestamp, " +
                "each version + 1, as consistent-snapshot files (N.targets.json, N.snapshot.json; timestamp.json " +
                "last). Key files no root names any more are moved to KEYS/retired/."})
final class RepoPublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Mixin
    RepoOptions options;

    @Override
    public Integer call() throws UpdateException {
        PublisherKeys keys = options.keys(repo);
        Clock clock = options.clock();
        ExpiryPolicy expiry = options.expiry();
        publish(RepoOptions.open(repo, clock, expiry), keys, clock, expiry);
        return 0;
    }

    /** Publishes with every key in {@code keys}, reports, and retires keys no root names any more. */
    static void publish(RepositoryPublisher p, PublisherKeys keys, Clock clock, ExpiryPolicy expiry) throws UpdateException {
        RepositoryPublisher.PublishResult r;
        try {
            r = p.publish(keys.signers());
        } catch (ManifestException e) {
            UpdateException u = PublishErrors.signing(e);
            Optional<RootStatus> staged = RootStatus.read(p.layout(), p.publishedRoot());
            if (staged.isPresent() && !staged.get().complete()) {
                u = new UpdateException(u.exitCode(), u.getMessage() + "; " + staged.get().describe()
                        + ": sign it offline (root-payload, sign-root, import-signature) or put the root keys in "
                        + keys.dir(), e);
            }
            throw u;
        }
        System.out.println(HostappRepo.NAME + ": published root v" + r.rootVersion() + ", targets v" + r.targetsVersion()
                + ", snapshot v" + r.snapshotVersion() + ", timestamp v" + r.timestampVersion()
                + " (timestamp expires " + clock.instant().plus(expiry.timestamp()).truncatedTo(ChronoUnit.SECONDS) + ")");
        for (Path f : keys.retireUnused(List.of(p.publishedRoot().orElseThrow()))) {
            System.out.println(HostappRepo.NAME + ": retired key " + f + " (no longer authorized by root v"
                    + r.rootVersion() + ")");
        }
    }
}
