package io.hostapp.updater.journal;

import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalCodecTest {
    @TempDir
    Path tmp;

    private static Journal.Update update() {
        return new Journal.Update("v2", Slot.A, Slot.B, "ab".repeat(32), 42, "/x", "2026-01-01T00:00:00Z", 0,
                Optional.empty());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Journal j = Journal.empty().withState(JournalState.ArtifactRollback).withUpdate(update().withReason("check x failed"))
                .withSlot(Slot.A, new Journal.Release("v1", "cd".repeat(32), 7))
                .withOutcome(new Journal.Outcome("committed", "v1", "ok", "2026-01-01T00:00:00Z"));
        assertEquals(j, JournalCodec.decode(JournalCodec.encode(j)));
    }

    @Test
    void missingJournalIsIdle() throws Exception {
        UpdateJournal uj = new UpdateJournal(new DiskStorage(), tmp, UpdateListener.NONE);
        assertEquals(Journal.empty(), uj.load());
    }

    @Test
    void saveCountsAndIsAtomic() throws Exception {
        UpdateJournal uj = new UpdateJournal(new DiskStorage(), tmp, UpdateListener.NONE);
        Journal a = uj.save(Journal.empty(), Journal.empty().withState(JournalState.ArtifactInstall).withUpdate(update()));
        Journal b = uj.save(a, a.withState(JournalState.ArtifactReboot));
        assertEquals(1, a.saveCounter());
        assertEquals(2, b.saveCounter());
        assertEquals(2, b.update().orElseThrow().saves());
        assertEquals(b, uj.load());
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void loopBreakerTripsAfterTooManySaves() throws Exception {
        UpdateJournal uj = new UpdateJournal(new DiskStorage(), tmp, UpdateListener.NONE);
        Journal j = uj.save(Journal.empty(), Journal.empty().withState(JournalState.ArtifactReboot).withUpdate(update()));
        for (int i = 0; i < UpdateJournal.MAX_SAVES_PER_UPDATE; i++) {
            assertFalse(UpdateJournal.looping(j));
            j = uj.save(j, j);
        }
        assertTrue(UpdateJournal.looping(j));
    }

    @Test
    void rejectsInconsistentOrForeignFiles() {
        bad("{}", "missing key 'schema'");
        bad("{\"schema\": 2}", "schema 2 not supported");
        bad("[1]", "not a JSON object");
        String idleWithUpdate = new String(JournalCodec.encode(Journal.empty().withUpdate(update())));
        bad(idleWithUpdate, "state Idle with an update in progress");
        String noUpdate = new String(JournalCodec.encode(Journal.empty().withState(JournalState.ArtifactCommit)));
        bad(noUpdate, "state ArtifactCommit without an update");
        bad(noUpdate.replace("ArtifactCommit", "Dancing"), "unknown state 'Dancing'");
    }

    @Test
    void corruptFileIsAOneLineError() throws Exception {
        Files.writeString(tmp.resolve(UpdateJournal.FILE), "{\"schema\": 1, \"saveCounter\"");
        UpdateException e = assertThrows(UpdateException.class,
                () -> new UpdateJournal(new DiskStorage(), tmp, UpdateListener.NONE).load());
        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("journal " + tmp.resolve(UpdateJournal.FILE) + ": not valid JSON: line 1"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void bad(String json, String message) {
        IOException e = assertThrows(IOException.class, () -> JournalCodec.decode(json.getBytes()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
