package io.hostapp.manifest.rollout;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.publish.RepositoryPublisher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Publisher-side helpers that edit the hostapp fields of staged targets (for {@code hostapp-repo add} / {@code rollout}). */
public final class Rollouts {

    private Rollouts() {
    }

    /**
     * Stages a payload file as target {@link PayloadInfo#conventionalPath()} with {@code info} in its custom fields.
     */
    public static TargetFile addPayload(RepositoryPublisher publisher, PayloadInfo info, Path payloadFile)
            throws ManifestException {
        return publisher.addTarget(info.conventionalPath(), payloadFile, Optional.of(info.toCustom()));
    }

    /**
     * Sets the rollout of release {@code version} of {@code board} in {@code channel} to {@code percent}
     * on every payload of that release (full image and deltas).
     *
     * @return how many targets changed; 0 means no such release is staged or published
     */
    public static int setRollout(RepositoryPublisher publisher, String board, String version, String channel,
                                 int percent) throws ManifestException {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        int changed = 0;
        for (TargetFile t : publisher.targets().values()) {
            Optional<PayloadInfo> info = PayloadInfo.fromTarget(t);
            if (info.isPresent() && info.get().board().equals(board) && info.get().version().equals(version)) {
                publisher.setCustom(t.path(), info.get().withRollout(channel, percent).toCustom());
                changed++;
            }
        }
        return changed;
    }

    /** Checks the hostapp fields of every target (for {@code hostapp-repo verify}); returns the payload count. */
    public static int verifyPayloads(Map<String, TargetFile> targets) throws MalformedMetadataException {
        int n = 0;
        for (TargetFile t : targets.values()) {
            if (PayloadInfo.fromTarget(t).isPresent()) {
                n++;
            }
        }
        return n;
    }
}
