package io.hostapp.manifest.rollout;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.ReleaseRejectedException;
import io.hostapp.manifest.metadata.TargetFile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the release a device should run, from VERIFIED targets (e.g.
 * {@code TrustedMetadata.targets().targets().values()}). The rule:
 * <ol>
 *   <li>candidates: full-image payloads for the device's board that list the device's channel;</li>
 *   <li>eligible: candidates whose release has the device in its rollout
 *       ({@link RolloutCohort#inRollout} with that channel's percentage);</li>
 *   <li>the highest eligible version ({@link ReleaseVersion}) is the release; none → NO_RELEASE;</li>
 *   <li>equal to the running version → UP_TO_DATE; higher → UPDATE; lower → DOWNGRADE only if that
 *       payload is signed with {@code allow_downgrade: true}, else DOWNGRADE_REFUSED;</li>
 *   <li>payload: the delta for that release whose {@code from} is the running version, when
 *       published, else the full image.</li>
 * </ol>
 * Targets without hostapp fields are ignored; a payload with malformed hostapp fields fails the pick
 * (fail closed: the publisher's {@code verify} reports it before devices see it).
 */
public final class ReleasePicker {

    private record Payload(TargetFile target, PayloadInfo info) {
    }

    private ReleasePicker() {
    }

    /**
     * @param running the release the device runs now, if known
     */
    public static ReleaseDecision pick(Collection<TargetFile> verifiedTargets, DeviceIdentity device,
                                       Optional<String> running) throws MalformedMetadataException {
        List<Payload> payloads = new ArrayList<>();
        for (TargetFile t : verifiedTargets) {
            PayloadInfo.fromTarget(t).ifPresent(info -> payloads.add(new Payload(t, info)));
        }
        Optional<Payload> best = payloads.stream()
                .filter(p -> p.info().kind() == PayloadKind.FULL && p.info().board().equals(device.board()))
                .filter(p -> p.info().percentFor(device.channel())
                        .map(pct -> RolloutCohort.inRollout(device.deviceId(), p.info().version(), pct))
                        .orElse(false))
                .max(Comparator.comparing(p -> p.info().version(), ReleaseVersion.ORDER));
        if (best.isEmpty()) {
            return new ReleaseDecision(ReleaseDecision.Outcome.NO_RELEASE, Optional.empty(), Optional.empty(),
                    Optional.empty(), "no release for board " + device.board() + " in channel " + device.channel()
                    + " includes this device");
        }
        PayloadInfo full = best.get().info();
        String version = full.version();
        if (running.isEmpty()) {
            return decision(ReleaseDecision.Outcome.UPDATE, best.get(), "install " + version + " (running version unknown)");
        }
        int c = ReleaseVersion.compare(version, running.get());
        if (c == 0) {
            return new ReleaseDecision(ReleaseDecision.Outcome.UP_TO_DATE, Optional.of(version), Optional.empty(),
                    Optional.empty(), "running " + running.get() + ", the current release");
        }
        if (c < 0 && !full.allowDowngrade()) {
            return new ReleaseDecision(ReleaseDecision.Outcome.DOWNGRADE_REFUSED, Optional.of(version), Optional.empty(),
                    Optional.empty(), "release " + version + " is lower than running " + running.get()
                    + " and not signed as an allowed downgrade");
        }
        Payload chosen = payloads.stream()
                .filter(p -> p.info().kind() == PayloadKind.DELTA && p.info().board().equals(device.board())
                        && p.info().version().equals(version) && p.info().from().equals(running))
                .findFirst().orElse(best.get());
        ReleaseDecision.Outcome outcome = c > 0 ? ReleaseDecision.Outcome.UPDATE : ReleaseDecision.Outcome.DOWNGRADE;
        return decision(outcome, chosen, (c > 0 ? "update " : "allowed downgrade ") + running.get() + " -> " + version
                + " (" + chosen.info().kind().json() + ")");
    }

    /**
     * The last check before installing a specific payload (also one the user named by hand): it must
     * be for this board, a delta must start from the running version, and a lower version needs
     * {@code allow_downgrade}.
     *
     * @throws ReleaseRejectedException naming the target and the failed check
     */
    public static void requireInstallable(TargetFile target, PayloadInfo info, DeviceIdentity device,
                                          Optional<String> running) throws ReleaseRejectedException {
        if (!info.board().equals(device.board())) {
            throw new ReleaseRejectedException(target.path(), Check.RELEASE, "built for board '" + info.board()
                    + "', this device is '" + device.board() + "'");
        }
        if (info.kind() == PayloadKind.DELTA && !info.from().equals(running)) {
            throw new ReleaseRejectedException(target.path(), Check.RELEASE, "delta from " + info.from().orElseThrow()
                    + " cannot apply to running " + running.orElse("(unknown)"));
        }
        if (running.isPresent() && ReleaseVersion.compare(info.version(), running.get()) < 0 && !info.allowDowngrade()) {
            throw new ReleaseRejectedException(target.path(), Check.RELEASE, "version " + info.version()
                    + " is lower than running " + running.get() + " and not signed as an allowed downgrade");
        }
    }

    private static ReleaseDecision decision(ReleaseDecision.Outcome o, Payload p, String reason) {
        return new ReleaseDecision(o, Optional.of(p.info().version()), Optional.of(p.target()), Optional.of(p.info()), reason);
    }
}
