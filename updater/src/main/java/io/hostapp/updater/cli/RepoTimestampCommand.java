package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code hostapp-repo timestamp}: re-sign timestamp only (a cron job, more often than it expires). */
@Command(name = "timestamp", description = {"Re-sign timestamp only (for cron).",
        "Version + 1, same snapshot, fresh expiry. Run it well within the timestamp expiry (default 1 " +
                "day), e.g. every 6 hours; only the timestamp key needs to be online."})
final class RepoTimestampCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Mixin
    RepoOptions options;

    @Override
    public Integer call() throws UpdateException {
        Clock clock = options.clock();
        ExpiryPolicy expiry = options.expiry();
        RepositoryPublisher p = RepoOptions.open(repo, clock, expiry);
        RepositoryPublisher.PublishResult r;
        try {
            r = p.refreshTimestamp(options.keys(repo).signers());
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        System.out.println(HostappRepo.NAME + ": published timestamp v" + r.timestampVersion() + " (snapshot v"
                + r.snapshotVersion() + ", expires " + clock.instant().plus(expiry.timestamp()).truncatedTo(ChronoUnit.SECONDS) + ")");
        return 0;
    }
}
