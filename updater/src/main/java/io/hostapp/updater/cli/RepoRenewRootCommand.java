package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.PublisherKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hostapp-repo renew-root}: root N+1 with the same keys and a fresh expiry (roots expire yearly). */
@Command(name = "renew-root", description = {"Renew root: root N+1 with the same keys and a fresh expiry.",
        "Default expiry 365 days; signed with the root keys at hand and published when it has its " +
                "signatures (as rotate)."})
final class RepoRenewRootCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = "--no-publish", description = "Only stage and sign root N+1; publish later.")
    boolean noPublish;

    @Mixin
    RepoOptions options;

    @Override
    public Integer call() throws UpdateException {
        PublisherKeys keys = options.keys(repo);
        Clock clock = options.clock();
        ExpiryPolicy expiry = options.expiry();
        RepositoryPublisher p = RepoOptions.open(repo, clock, expiry);
        try {
            Root next = p.renewRoot();
            System.out.println(HostappRepo.NAME + ": staged root v" + next.version() + " expiring " + next.expires());
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        RepoRotateCommand.finishStagedRoot(repo, p, keys, clock, expiry, noPublish);
        return 0;
    }
}
