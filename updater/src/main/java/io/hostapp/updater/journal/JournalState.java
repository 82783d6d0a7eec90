package io.hostapp.updater.journal;

/**
 * The agent's states, named as the Mender client names them; the journal stores {@link #name()} verbatim.
 * Where each one resumes after a reboot is the table in {@link ResumeTable}.
 */
public enum JournalState {
    /** No update in progress. */
    Idle,
    /** Fetching the payload (the inactive slot is already marked bad). */
    Download,
    /** Writing and verifying the inactive slot. */
    ArtifactInstall,
    /** Slot written and verified, trial armed: waiting for the reboot into it. */
    ArtifactReboot,
    /** Booted into the new slot: health checks are running. */
    ArtifactVerifyReboot,
    /** Health passed: committing (mark good). */
    ArtifactCommit,
    /** Health failed: flipping the flags back to the old slot. */
    ArtifactRollback,
    /** Flags flipped back: waiting for the reboot into the old slot. */
    ArtifactRollbackReboot,
    /** The update failed before the flag flip: cleaning up, the old slot stays. */
    ArtifactFailure
}
