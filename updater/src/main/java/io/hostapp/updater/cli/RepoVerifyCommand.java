package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.client.TrustedMetadata;
import io.hostapp.manifest.metadata.Signed;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.publish.RepositoryLayout;
import io.hostapp.manifest.publish.TreeVerifier;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.Rollouts;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-repo verify}: check a published tree exactly as a device would. */
@Command(name = "verify", description = {"Check the published tree as a device would; list releases.",
        "The full client workflow from a trusted root (walking the root chain), expiry by the current " +
                "time, then every target's length and hashes and every payload's custom fields. Changes nothing."})
final class RepoVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = "--root", paramLabel = "FILE",
            description = "The trusted root devices were provisioned with (default REPO/metadata/1.root.json).")
    Path root;

    @Option(names = "--now", paramLabel = "INSTANT", description = "Judge expiry at INSTANT (ISO-8601) instead of now.")
    String now;

    @Override
    public Integer call() throws UpdateException {
        Clock clock = RepoOptions.clock(now);
        Path trusted = root != null ? root : repo.resolve("metadata/1.root.json");
        byte[] rootBytes;
        try {
            rootBytes = Files.readAllBytes(trusted);
        } catch (IOException e) {
            throw new UpdateException(root != null ? ExitCode.INPUT : ExitCode.REPOSITORY, trusted
                    + ": cannot read the trusted root: " + e.getMessage(), e);
        }
        TreeVerifier.Report report;
        int payloads;
        try {
            report = TreeVerifier.verify(repo, rootBytes, clock);
            payloads = Rollouts.verifyPayloads(report.metadata().targets().targets());
        } catch (ManifestException e) {
            throw PublishErrors.verifying(e);
        }
        TrustedMetadata m = report.metadata();
        System.out.println(HostappRepo.NAME + ": " + repo + " verified from " + trusted + ": " + describe(m.root())
                + ", " + describe(m.targets()) + ", " + describe(m.snapshot()) + ", " + describe(m.timestamp()));
        System.out.println(HostappRepo.NAME + ": " + report.targetsVerified() + " targets verified, " + payloads + " payloads");
        for (TargetFile t : m.targets().targets().values()) {
            Optional<PayloadInfo> info;
            try {
                info = PayloadInfo.fromTarget(t);
            } catch (ManifestException e) {
                throw PublishErrors.verifying(e);
            }
            info.ifPresent(i -> System.out.printf("  %-14s %-10s %-5s image %d B sha256 %s  %s%s%n", i.board(),
                    i.version(), i.kind().json(), i.imageLength(), i.imageSha256().substring(0, 12),
                    i.channels().isEmpty() ? "not offered" : i.channels().toString(),
                    i.allowDowngrade() ? " (downgrade allowed)" : ""));
        }
        RepositoryLayout layout = new RepositoryLayout(repo);
        if (Files.exists(layout.stagedTargets()) || Files.exists(layout.stagedRoot())) {
            System.out.println(HostappRepo.NAME + ": note: unpublished changes are staged in " + layout.stagingDir());
        }
        return 0;
    }

    private static String describe(Signed s) {
        return s.type() + " v" + s.version() + " (expires " + s.expires() + ")";
    }
}
