package io.hostapp.updater.lifecycle;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.sim.SimBootloader;
import io.hostapp.updater.sim.SimPowerCycle;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hook phases, planned reboots, commit hooks and a rollback that must not go back to a changed slot. */
class RollbackSemanticsTest {
    @TempDir
    Path tmp;
    Path dev;

    @BeforeEach
    void setUp() throws Exception {
        SimFixture.create(tmp, 2, 1);
        dev = tmp.resolve("device");
    }

    private Device open() throws Exception {
        return SimFixture.open(dev);
    }

    private void install(boolean healthy) throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 200_000, healthy, 2);
        new InstallPipeline(open()).run(new InstallRequest(new FilePayloadSource(img), Optional.of("v2"), false, false));
    }

    private void hook(String phase, String name, String body) throws Exception {
        Path dir = Files.createDirectories(dev.resolve("hooks").resolve(phase));
        Files.setPosixFilePermissions(Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void hookPhasesRunInOrderAroundTheInstallAndCommit() throws Exception {
        Path log = tmp.resolve("phases");
        for (String phase : List.of("before", "forward", "after", "commit", "cleanup")) {
            hook(phase, "10-log", "echo " + phase + " >> " + log);
        }
        install(true);
        assertEquals(List.of("before", "forward", "after"), Files.readAllLines(log));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(List.of("before", "forward", "after", "commit"), Files.readAllLines(log));
    }

    @Test
    void hooksSeeTheTargetSlotItsDeviceItsRootTheReleaseAndTheBoard() throws Exception {
        Path log = tmp.resolve("env");
        hook("after", "10-env", "echo \"$HOSTAPP_PHASE $HOSTAPP_TARGET_SLOT $HOSTAPP_TARGET_DEVICE $HOSTAPP_TARGET_ROOT"
                + " $HOSTAPP_RELEASE $HOSTAPP_BOARD\" >> " + log);
        install(true);
        assertEquals(List.of("after b " + dev.resolve("slot-b.img") + " PARTLABEL=root-b v2 sim-test"),
                Files.readAllLines(log));
    }

    @Test
    void failingForwardHookFailsTheInstallAndRunsCleanup() throws Exception {
        Path log = tmp.resolve("phases");
        hook("forward", "20-migrate-config", "exit 3");
        hook("cleanup", "10-log", "echo cleanup >> " + log);
        UpdateException e = assertThrows(UpdateException.class, () -> install(true));
        assertEquals(ExitCode.HOOK, e.exitCode());
        assertEquals("hook forward/20-migrate-config exited 3", e.getMessage());
        assertEquals(List.of("cleanup"), Files.readAllLines(log));
        assertEquals("hook forward/20-migrate-config exited 3", open().journal().load().lastOutcome().orElseThrow().reason());
        assertEquals(Slot.A, open().boot().primarySlot());
    }

    @Test
    void failingCommitHookIsReportedOnceNotRetriedAtEveryBoot() throws Exception {
        hook("commit", "50-update-dbx", "exit 1");
        install(true);
        BootCheck.Result r = SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(ExitCode.OK, r.exitCode());
        Journal.Outcome o = open().journal().load().lastOutcome().orElseThrow();
        assertEquals("committed", o.result());
        assertTrue(o.reason().contains("hook commit/50-update-dbx exited 1"), o.reason());
    }

    @Test
    void plannedRebootsDuringATrialDoNotCount() throws Exception {
        install(true);
        // bootlimit 2: three boots without a commit would fall back; clean shutdowns in between reset the count
        for (int i = 0; i < 3; i++) {
            SimBootloader.Boot b = SimBootloader.boot(open());
            assertEquals(Slot.B, b.slot());
            assertFalse(b.fellBack());
            assertEquals(1, b.bootcount(), "each boot after a planned reboot is the first again");
            BootCheck.Result r = PlannedShutdown.run(open());
            assertTrue(r.message().contains("boot count reset"), r.message());
        }
        BootCheck.Result r = SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals("committed", open().journal().load().lastOutcome().orElseThrow().result());
    }

    @Test
    void crashesDuringATrialStillCount() throws Exception {
        install(true);
        for (int i = 0; i < 2; i++) {
            SimBootloader.boot(open());
        }
        assertTrue(SimBootloader.boot(open()).fellBack(), "without a clean shutdown the third boot falls back");
    }

    @Test
    void rollbackRefusesToReturnToAChangedSlot() throws Exception {
        install(false);
        try (RandomAccessFile f = new RandomAccessFile(dev.resolve("slot-a.img").toFile(), "rw")) {
            f.seek(1000);
            f.write(0x5a); // slot a no longer holds v1
        }
        BootCheck.Result r = SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        assertEquals(ExitCode.HEALTH, r.exitCode());
        assertTrue(r.message().contains("rollback refused: slot a no longer holds v1"), r.message());
        Device d = open();
        assertEquals(Slot.B, d.boot().bootedSlot(), "stays on the slot that boots");
        assertEquals(SlotState.GOOD, d.boot().state(Slot.B));
        Journal.Outcome o = d.journal().load().lastOutcome().orElseThrow();
        assertEquals("failed", o.result());
        assertTrue(o.reason().startsWith("health check 'content-check' failed"), o.reason());
    }
}
