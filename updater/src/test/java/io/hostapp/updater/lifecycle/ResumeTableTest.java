package io.hostapp.updater.lifecycle;

import io.hostapp.boot.Slot;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.hostapp.updater.lifecycle.ResumeTable.Action.AWAIT_REBOOT;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.BOOTLOADER_FELL_BACK;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.CLEAN_FAILURE;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.COMMIT;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.FINISH_ROLLBACK;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.NOTHING;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.ROLLBACK_FLIP;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.STOP_LOOP;
import static io.hostapp.updater.lifecycle.ResumeTable.Action.VERIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every row of the resume table, in the table's order. Update a → b: from = a, to = b. */
class ResumeTableTest {
    private static final Slot A = Slot.A;
    private static final Slot B = Slot.B;

    private static Journal journal(JournalState s, long saves) {
        if (s == JournalState.Idle) {
            return Journal.empty();
        }
        return Journal.empty().withState(s).withUpdate(new Journal.Update("v2", A, B, "", -1, "x", "t", saves,
                Optional.empty()));
    }

    /** booted, primary, armed (trial of primary), fell back */
    private static ResumeTable.Action decide(JournalState s, Slot booted, Slot primary, boolean armed, boolean fellBack) {
        return ResumeTable.decide(journal(s, 3), new BootFlags(booted, primary, armed, armed ? primary : null, fellBack));
    }

    @Test
    void everyRow() {
        assertEquals(STOP_LOOP, ResumeTable.decide(journal(JournalState.ArtifactReboot, 61), new BootFlags(B, B, true, B, false)));
        assertEquals(BOOTLOADER_FELL_BACK, decide(JournalState.Idle, A, A, false, true));
        assertEquals(NOTHING, decide(JournalState.Idle, A, A, false, false));
        assertEquals(CLEAN_FAILURE, decide(JournalState.Download, A, A, false, false));
        assertEquals(CLEAN_FAILURE, decide(JournalState.ArtifactInstall, A, A, false, false));
        assertEquals(CLEAN_FAILURE, decide(JournalState.ArtifactFailure, A, A, false, false));
        assertEquals(VERIFY, decide(JournalState.ArtifactReboot, B, B, true, false));
        assertEquals(AWAIT_REBOOT, decide(JournalState.ArtifactReboot, A, B, true, false));
        assertEquals(BOOTLOADER_FELL_BACK, decide(JournalState.ArtifactReboot, A, A, false, true));
        assertEquals(CLEAN_FAILURE, decide(JournalState.ArtifactReboot, A, A, false, false));
        assertEquals(VERIFY, decide(JournalState.ArtifactVerifyReboot, B, B, true, false));
        assertEquals(COMMIT, decide(JournalState.ArtifactReboot, B, B, false, false));
        assertEquals(COMMIT, decide(JournalState.ArtifactVerifyReboot, B, B, false, false));
        assertEquals(BOOTLOADER_FELL_BACK, decide(JournalState.ArtifactVerifyReboot, A, A, false, true));
        assertEquals(BOOTLOADER_FELL_BACK, decide(JournalState.ArtifactVerifyReboot, A, A, false, false));
        assertEquals(COMMIT, decide(JournalState.ArtifactCommit, B, B, true, false));
        assertEquals(COMMIT, decide(JournalState.ArtifactCommit, B, B, false, false));
        assertEquals(BOOTLOADER_FELL_BACK, decide(JournalState.ArtifactCommit, A, A, false, true));
        assertEquals(ROLLBACK_FLIP, decide(JournalState.ArtifactRollback, B, B, true, false));
        assertEquals(FINISH_ROLLBACK, decide(JournalState.ArtifactRollback, A, A, false, false));
        assertEquals(FINISH_ROLLBACK, decide(JournalState.ArtifactRollbackReboot, A, A, false, false));
        assertEquals(ROLLBACK_FLIP, decide(JournalState.ArtifactRollbackReboot, B, B, false, false));
    }
}
