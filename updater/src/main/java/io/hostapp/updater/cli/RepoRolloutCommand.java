package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.Rollouts;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code hostapp-repo rollout}: set the share of a channel that is offered a release. */
@Command(name = "rollout", description = {"Offer a release to a percentage of a channel.",
        "0 stops it, 100 offers it to all. A device is in when sha256(device-id || VERSION) mod 100 < " +
                "PERCENT, so raising the percentage only adds devices. Takes effect on 'publish'."})
final class RepoRolloutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = "--release", required = true, paramLabel = "VERSION", description = "The release.")
    String version;

    @Option(names = "--channel", defaultValue = "stable", paramLabel = "CHANNEL", description = "Channel (default stable).")
    String channel;

    @Option(names = "--percent", required = true, paramLabel = "PERCENT", description = "0..100.")
    int percent;

    @Option(names = "--board", paramLabel = "BOARD", description = "Only this board's payloads (default: every board with VERSION).")
    String board;

    @Option(names = "--allow-downgrade", negatable = true,
            description = "Set (or with --no-allow-downgrade clear) the signed permission to replace a higher version.")
    Boolean allowDowngrade;

    @Override
    public Integer call() throws UpdateException {
        checkPercent("--percent " + percent, percent);
        RepositoryPublisher p = RepoOptions.open(repo, Clock.systemUTC(), ExpiryPolicy.defaults());
        TreeSet<String> boards = new TreeSet<>();
        try {
            for (TargetFile t : p.targets().values()) {
                Optional<PayloadInfo> info = PayloadInfo.fromTarget(t);
                if (info.isPresent() && info.get().version().equals(version)
                        && (board == null || board.equals(info.get().board()))) {
                    boards.add(info.get().board());
                    if (allowDowngrade != null) {
                        p.setCustom(t.path(), info.get().withAllowDowngrade(allowDowngrade).toCustom());
                    }
                }
            }
            if (boards.isEmpty()) {
                throw new UpdateException(ExitCode.REPOSITORY, "release " + version + (board != null ? " of board " + board : "")
                        + ": not in targets (stage it with 'hostapp-repo add')");
            }
            for (String b : boards) {
                Rollouts.setRollout(p, b, version, channel, percent);
            }
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        System.out.println(HostappRepo.NAME + ": staged rollout of " + version + " (" + String.join(", ", boards) + ") to "
                + percent + "% of channel " + channel + (allowDowngrade == null ? "" : allowDowngrade
                ? ", downgrades allowed" : ", downgrades not allowed") + "; run 'hostapp-repo publish' to sign it");
        return 0;
    }

    static void checkPercent(String what, int percent) throws UpdateException {
        if (percent < 0 || percent > 100) {
            throw new UpdateException(ExitCode.USAGE, what + ": a rollout percentage is 0..100");
        }
    }
}
