package io.hostapp.manifest.rollout;

import io.hostapp.manifest.metadata.TargetFile;

import java.util.Optional;

/**
 * What {@link ReleasePicker#pick} decided.
 *
 * @param outcome what to do
 * @param version the release chosen (empty for {@link Outcome#NO_RELEASE})
 * @param payload the target to fetch: a delta from the running version when one is published, else
 *                the full image (present only for {@link Outcome#UPDATE} and {@link Outcome#DOWNGRADE})
 * @param info    the hostapp fields of {@code payload}
 * @param reason  one line for the CLI / log
 */
public record ReleaseDecision(Outcome outcome, Optional<String> version, Optional<TargetFile> payload,
                              Optional<PayloadInfo> info, String reason) {

    public enum Outcome {
        /** install {@code payload}: a higher version */
        UPDATE,
        /** install {@code payload}: a lower version the publisher explicitly allowed */
        DOWNGRADE,
        /** the chosen release is the running one */
        UP_TO_DATE,
        /** nothing is offered to this board / channel / cohort */
        NO_RELEASE,
        /** the only eligible release is lower than the running one and not signed as an allowed downgrade */
        DOWNGRADE_REFUSED
    }

    /** True when something should be installed. */
    public boolean shouldInstall() {
        return outcome == Outcome.UPDATE || outcome == Outcome.DOWNGRADE;
    }
}
