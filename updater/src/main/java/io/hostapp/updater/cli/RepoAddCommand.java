package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.PayloadKind;
import io.hostapp.manifest.rollout.Rollouts;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.DeltaPayloads;
import io.hostapp.updater.repo.publish.ImagePayloads;
import io.hostapp.updater.repo.publish.PublishErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hostapp-repo add}: stage a release's full payload (the hostapp payload format: zstd-compressed data
 * operations, resumable per operation on the device) with its signed image length and hash; optionally a delta.
 */
@Command(name = "add", description = {"Stage a release's full payload for a board (and with --delta-from, a delta).",
        "Encodes IMAGE as a full-image payload in the hostapp format (zstd level 19 data operations; an image that already is zstd is used as is) and records " +
                "the image's length and SHA-256 in the target's signed custom fields. Not offered to any channel " +
                "until 'rollout' (or --rollout); takes effect on 'publish'."})
final class RepoAddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = "--board", required = true, paramLabel = "BOARD", description = "Board family (boards/BOARD.json).")
    String board;

    @Option(names = "--release", required = true, paramLabel = "VERSION", description = "Release version, e.g. v2 or 2.1.0.")
    String version;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The root filesystem image (raw or zstd).")
    Path image;

    @Option(names = "--rollout", paramLabel = "CHANNEL=PERCENT", description = "Offer it at once: stable=10 (repeatable).")
    Map<String, Integer> rollout = new LinkedHashMap<>();

    @Option(names = "--allow-downgrade", description = "Devices running a HIGHER version may install it (a signed fleet rollback).")
    boolean allowDowngrade;

    @Option(names = "--replace", description = "Replace a payload already staged or published for this release.")
    boolean replace;

    @Option(names = "--level", paramLabel = "N", defaultValue = "" + ImagePayloads.DEFAULT_LEVEL,
            description = "zstd level 1..22 for a raw image (default 19).")
    int level;

    @Option(names = "--delta-from", arity = "2", paramLabel = "VERSION IMAGE", hideParamSyntax = true,
            description = "Also stage a delta from VERSION (its image IMAGE, exactly as devices running it hold it).")
    List<String> deltaFrom;

    @Override
    public Integer call() throws UpdateException {
        if (level < 1 || level > 22) {
            throw new UpdateException(ExitCode.USAGE, "--level " + level + ": zstd levels are 1..22");
        }
        checkName("--board", board);
        checkName("--release", version);
        for (Map.Entry<String, Integer> e : rollout.entrySet()) {
            RepoRolloutCommand.checkPercent("--rollout " + e.getKey() + "=" + e.getValue(), e.getValue());
        }
        RepositoryPublisher p = RepoOptions.open(repo, Clock.systemUTC(), io.hostapp.manifest.publish.ExpiryPolicy.defaults());
        if (deltaFrom != null) {
            checkName("--delta-from", deltaFrom.get(0));
            TargetFile d = DeltaPayloads.add(p, board, version, deltaFrom.get(0), Path.of(deltaFrom.get(1)), image,
                    level, line -> System.out.println("hostapp-repo: " + line));
            System.out.println("hostapp-repo: staged " + d.path() + " (" + d.length() + " bytes)");
        }
        PayloadInfo probe = new PayloadInfo(board, version, PayloadKind.FULL, Optional.empty(), 0, "0".repeat(64),
                Map.of(), false);
        try {
            if (!replace && p.targets().containsKey(probe.conventionalPath())) {
                throw new UpdateException(ExitCode.REPOSITORY, "release " + version + " of board " + board
                        + ": already in targets as " + probe.conventionalPath() + " (give --replace to replace it)");
            }
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        ImagePayloads.Prepared prep = ImagePayloads.prepare(image, p.layout().stagingDir(), level);
        TargetFile t;
        try {
            PayloadInfo info = new PayloadInfo(board, version, PayloadKind.FULL, Optional.empty(), prep.imageLength(),
                    prep.imageSha256(), rollout, allowDowngrade);
            t = Rollouts.addPayload(p, info, prep.payload());
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        } catch (IllegalArgumentException e) {
            throw new UpdateException(ExitCode.USAGE, "release " + version + " of board " + board + ": " + e.getMessage());
        } finally {
            if (prep.temporary()) {
                try {
                    Files.deleteIfExists(prep.payload());
                } catch (IOException ignored) {
                    // a leftover temp file in staging/ is harmless
                }
            }
        }
        System.out.println(HostappRepo.NAME + ": staged " + t.path() + ": image " + prep.imageLength() + " bytes sha256 "
                + prep.imageSha256() + ", payload " + t.length() + " bytes" + (prep.compressedHere() ? " (hostapp full payload, zstd -" + level + ")" : "")
                + (rollout.isEmpty() ? "; not offered to any channel yet (hostapp-repo rollout)" : "; rollout " + rollout)
                + "; run 'hostapp-repo publish' to sign it");
        return 0;
    }

    /** Board and release names become target path segments and URL parts: keep them plain. */
    private static void checkName(String option, String value) throws UpdateException {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            throw new UpdateException(ExitCode.USAGE, option + " '" + value + "': use letters, digits and . _ + - "
                    + "(at most 64, starting with a letter or digit)");
        }
    }
}
