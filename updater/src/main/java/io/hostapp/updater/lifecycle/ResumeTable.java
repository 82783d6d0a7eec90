package io.hostapp.updater.lifecycle;

import io.hostapp.boot.Slot;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.journal.UpdateJournal;

/**
 * Where the agent resumes after any reboot: one row per journal state, read top to bottom. {@code to} is the
 * slot the update wrote, {@code from} the slot it came from; "armed" means the bootloader still has a trial
 * of {@code to} armed; "fell back" means it reported a fallback ({@code rollback=1}).
 *
 * <pre>
 *  journal state            booted  bootloader flags           action
 *  ───────────────────────  ──────  ─────────────────────────  ──────────────────────────────────────────────
 *  (any, update looping)    any     any                        STOP_LOOP: keep the booted slot, record failure
 *  Idle                     any     fell back                  BOOTLOADER_FELL_BACK (trial armed by hand)
 *  Idle                     any     otherwise                  NOTHING
 *  Download, ArtifactInstall any    any                        CLEAN_FAILURE: install interrupted before flip
 *  ArtifactFailure          any     any                        CLEAN_FAILURE
 *  ArtifactReboot           to      armed                      VERIFY: run health checks
 *  ArtifactReboot           from    armed, not fell back       AWAIT_REBOOT: the reboot has not happened yet
 *  ArtifactReboot           from    fell back                  BOOTLOADER_FELL_BACK
 *  ArtifactReboot           from    not armed, not fell back   CLEAN_FAILURE: interrupted before the flip landed
 *  ArtifactVerifyReboot     to      armed                      VERIFY: the window was cut short, run it again
 *  ArtifactReboot/Verify    to      not armed                  COMMIT: committed by hand, record it
 *  ArtifactVerifyReboot     from    any                        BOOTLOADER_FELL_BACK
 *  ArtifactCommit           to      any                        COMMIT: finish the commit (idempotent)
 *  ArtifactCommit           from    any                        BOOTLOADER_FELL_BACK: fell back before it landed
 *  ArtifactRollback         to      any                        ROLLBACK_FLIP: flip back (again) and reboot
 *  ArtifactRollback         from    any                        FINISH_ROLLBACK
 *  ArtifactRollbackReboot   from    any                        FINISH_ROLLBACK
 *  ArtifactRollbackReboot   to      any                        ROLLBACK_FLIP: the flip did not take, again
 * </pre>
 * Every action is idempotent, so a power cut during one is handled by running its row again; the journal's
 * per-update save count ends any cycle ({@link UpdateJournal#MAX_SAVES_PER_UPDATE}).
 */
final class ResumeTable {
    enum Action {
        NOTHING, AWAIT_REBOOT, VERIFY, COMMIT, ROLLBACK_FLIP, FINISH_ROLLBACK, BOOTLOADER_FELL_BACK, CLEAN_FAILURE,
        STOP_LOOP
    }

    private ResumeTable() {
    }

    static Action decide(Journal j, BootFlags f) {
        if (UpdateJournal.looping(j)) {
            return Action.STOP_LOOP;
        }
        if (j.state() == JournalState.Idle) {
            return f.fallbackReported() ? Action.BOOTLOADER_FELL_BACK : Action.NOTHING;
        }
        Journal.Update u = j.update().orElseThrow();
        boolean onNew = f.booted() == u.toSlot();
        Slot to = u.toSlot();
        switch (j.state()) {
            case Download:
            case ArtifactInstall:
            case ArtifactFailure:
                return Action.CLEAN_FAILURE;
            case ArtifactReboot:
                if (onNew) {
                    return f.armedFor(to) ? Action.VERIFY : Action.COMMIT;
                }
                if (f.fallbackReported()) {
                    return Action.BOOTLOADER_FELL_BACK;
                }
                return f.armedFor(to) ? Action.AWAIT_REBOOT : Action.CLEAN_FAILURE;
            case ArtifactVerifyReboot:
                if (onNew) {
                    return f.armedFor(to) ? Action.VERIFY : Action.COMMIT;
                }
                return Action.BOOTLOADER_FELL_BACK;
            case ArtifactCommit:
                return onNew ? Action.COMMIT : Action.BOOTLOADER_FELL_BACK;
            case ArtifactRollback:
            case ArtifactRollbackReboot:
                return onNew ? Action.ROLLBACK_FLIP : Action.FINISH_ROLLBACK;
            default:
                throw new IllegalStateException("no row for " + j.state());
        }
    }
}
