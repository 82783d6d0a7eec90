package io.hostapp.updater.lifecycle;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.SimulatedReboot;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.sim.SimBootloader;
import io.hostapp.updater.sim.SimPowerCycle;
import io.hostapp.updater.storage.DiskStorage;
import io.hostapp.updater.events.UpdateListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mark-good, mark-bad and rollback by hand. */
class ManualActionsTest {
    @TempDir
    Path tmp;
    Path dev;

    @BeforeEach
    void setUp() throws Exception {
        SimFixture.create(tmp, 3, 1);
        dev = tmp.resolve("device");
    }

    private Device open() throws Exception {
        return SimFixture.open(dev);
    }

    private void installAndBoot(String name) throws Exception {
        Path img = SimFixture.image(tmp, name + ".img", 200_000, false, name.hashCode());
        new InstallPipeline(open()).run(new InstallRequest(new FilePayloadSource(img), Optional.of(name), false, false));
        SimBootloader.boot(open()); // boot into the trial without the agent's boot-check
    }

    @Test
    void markGoodCommitsTheBootedTrial() throws Exception {
        installAndBoot("v2");
        BootCheck.Result r = new ManualActions(open()).markGood(Optional.empty());
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals("marked good by hand", open().journal().load().lastOutcome().orElseThrow().reason());
        assertEquals(SlotState.GOOD, open().boot().state(Slot.B));
    }

    @Test
    void markBadRejectsTheBootedTrialAndReboots() throws Exception {
        installAndBoot("v2");
        BootCheck.Result r = new ManualActions(open()).markBad(Optional.empty());
        assertEquals(ExitCode.HEALTH, r.exitCode());
        assertTrue(r.message().contains("marked bad by hand"));
        assertEquals(JournalState.ArtifactRollbackReboot, open().journal().load().state());
        assertTrue(java.nio.file.Files.exists(dev.resolve(SimulatedReboot.MARKER)));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(Slot.A, open().boot().bootedSlot());
        assertEquals("rolled-back", open().journal().load().lastOutcome().orElseThrow().result());
    }

    @Test
    void markBadOfTheOnlyReleaseIsRefused() throws Exception {
        UpdateException e = assertThrows(UpdateException.class, () -> new ManualActions(open()).markBad(Optional.empty()));
        assertEquals(ExitCode.STATE, e.exitCode());
        assertTrue(e.getMessage().contains("would leave nothing to boot"));
    }

    @Test
    void rollbackWhenIdleReturnsToThePreviousRelease() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 200_000, true, 5);
        new InstallPipeline(open()).run(new InstallRequest(new FilePayloadSource(img), Optional.of("v2"), false, false));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(Slot.B, open().boot().bootedSlot());

        BootCheck.Result r = new ManualActions(open()).rollback();
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals(SlotState.TRYING, open().boot().state(Slot.A));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(Slot.A, open().boot().bootedSlot());
        assertEquals("v1", open().journal().load().lastOutcome().orElseThrow().version());
    }

    @Test
    void rollbackRefusesASlotWhoseContentChanged() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 200_000, true, 5);
        new InstallPipeline(open()).run(new InstallRequest(new FilePayloadSource(img), Optional.of("v2"), false, false));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        try (RandomAccessFile f = new RandomAccessFile(dev.resolve("slot-a.img").toFile(), "rw")) {
            f.seek(5000);
            f.write(0x42);
        }
        UpdateException e = assertThrows(UpdateException.class, () -> new ManualActions(open()).rollback());
        assertEquals(ExitCode.VERIFY, e.exitCode());
        assertTrue(e.getMessage().contains("no longer holds v1"), e.getMessage());
        assertEquals(SlotState.FALLBACK, open().boot().state(Slot.A), "flags untouched");
    }
}
