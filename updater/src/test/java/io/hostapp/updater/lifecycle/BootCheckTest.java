package io.hostapp.updater.lifecycle;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.sim.SimBootloader;
import io.hostapp.updater.sim.SimPowerCycle;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The life cycle after an install, on a simulated device, asserting the exact journal state sequence. */
class BootCheckTest {
    @TempDir
    Path tmp;
    Path dev;
    final List<String> states = new ArrayList<>();
    final UpdateListener recorder = new UpdateListener() {
        @Override
        public void stateChanged(String from, String to) {
            states.add(to);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        SimFixture.create(tmp, 2, 2);
        dev = tmp.resolve("device");
    }

    private Device open() throws Exception {
        return Device.openSimulated(dev, new DiskStorage(), recorder);
    }

    private void install(boolean healthy, String name) throws Exception {
        Path img = SimFixture.image(tmp, name + ".img", 200_000, healthy, name.hashCode());
        new InstallPipeline(open()).run(new InstallRequest(new FilePayloadSource(img), Optional.of(name), false, false));
    }

    private BootCheck.Result powerCycle() throws Exception {
        return SimPowerCycle.run(dev, new DiskStorage(), recorder, s -> { });
    }

    private Journal journal() throws Exception {
        return open().journal().load();
    }

    @Test
    void healthyUpdateCommits() throws Exception {
        install(true, "v2");
        BootCheck.Result r = powerCycle();
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals(List.of("ArtifactInstall", "ArtifactReboot", "ArtifactVerifyReboot", "ArtifactCommit", "Idle"), states);
        Journal j = journal();
        assertEquals("committed", j.lastOutcome().orElseThrow().result());
        Device d = open();
        assertEquals(Slot.B, d.boot().bootedSlot());
        assertEquals(SlotState.GOOD, d.boot().state(Slot.B));
        assertEquals(SlotState.FALLBACK, d.boot().state(Slot.A));
        // later boots do not count any more
        SimBootloader.Boot b = SimBootloader.boot(open());
        assertFalse(b.trial());
        assertEquals(Slot.B, b.slot());
    }

    @Test
    void failingHealthRollsBackAndNamesTheCheck() throws Exception {
        install(false, "v2");
        BootCheck.Result r = powerCycle();
        assertEquals(ExitCode.HEALTH, r.exitCode());
        assertEquals(List.of("ArtifactInstall", "ArtifactReboot", "ArtifactVerifyReboot", "ArtifactRollback",
                "ArtifactRollbackReboot", "Idle"), states);
        Journal j = journal();
        assertEquals("rolled-back", j.lastOutcome().orElseThrow().result());
        assertTrue(j.lastOutcome().get().reason().startsWith("health check 'content-check' failed: exit 1"),
                j.lastOutcome().get().reason());
        Device d = open();
        assertEquals(Slot.A, d.boot().bootedSlot());
        assertEquals(SlotState.GOOD, d.boot().state(Slot.A));
        assertEquals(SlotState.BAD, d.boot().state(Slot.B));
        assertFalse(d.boot().fallbackReported());
    }

    @Test
    void bootloaderFallbackIsRecorded() throws Exception {
        install(true, "v2");
        // bootlimit 2: the new OS dies twice before the agent runs, the third boot falls back
        for (int i = 1; i <= 2; i++) {
            SimBootloader.Boot b = SimBootloader.boot(open());
            assertEquals(Slot.B, b.slot());
            assertEquals(i, b.bootcount());
        }
        BootCheck.Result r = powerCycle();
        assertEquals(ExitCode.ROLLED_BACK, r.exitCode());
        Journal j = journal();
        assertEquals(JournalState.Idle, j.state());
        assertTrue(j.lastOutcome().orElseThrow().reason().startsWith("rolled back by bootloader"));
        Device d = open();
        assertEquals(Slot.A, d.boot().bootedSlot());
        assertFalse(d.boot().fallbackReported(), "rollback flag cleared after it was recorded");
        assertEquals(SlotState.BAD, d.boot().state(Slot.B));
    }

    @Test
    void bootCheckBeforeTheRebootWaits() throws Exception {
        install(true, "v2");
        BootCheck.Result r = new BootCheck(open(), s -> { }).run();
        assertEquals(ExitCode.OK, r.exitCode());
        assertTrue(r.message().contains("awaits reboot"));
        assertEquals(JournalState.ArtifactReboot, journal().state());
    }

    @Test
    void powerCutDuringHealthChecksRunsThemAgain() throws Exception {
        install(true, "v2");
        SimBootloader.boot(open());
        Device d = open();
        Journal j = d.journal().load();
        d.journal().save(j, j.withState(JournalState.ArtifactVerifyReboot)); // the power went while checking
        BootCheck.Result r = powerCycle(); // bootcount 2 of 2, still trial
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals("committed", journal().lastOutcome().orElseThrow().result());
    }

    @Test
    void interruptedInstallIsCleanedUpAtBoot() throws Exception {
        Device d = open();
        Journal j = d.journal().load();
        d.journal().save(j, j.withState(JournalState.ArtifactInstall).withUpdate(new Journal.Update("v2", Slot.A,
                Slot.B, "", -1, "x", "t", 0, Optional.empty())));
        Files.write(dev.resolve("slot-b.img"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.WRITE);
        BootCheck.Result r = powerCycle();
        assertEquals(ExitCode.OK, r.exitCode());
        Journal after = journal();
        assertEquals(JournalState.Idle, after.state());
        assertEquals("failed", after.lastOutcome().orElseThrow().result());
        assertTrue(after.lastOutcome().get().reason().contains("interrupted in state ArtifactInstall"));
        assertEquals(Slot.A, open().boot().bootedSlot());
    }

    @Test
    void rebootLoopIsStopped() throws Exception {
        install(true, "v2");
        Device d = open();
        Journal j = d.journal().load();
        for (int i = 0; i < 60; i++) {
            j = d.journal().save(j, j);
        }
        SimBootloader.boot(open());
        BootCheck.Result r = new BootCheck(open(), s -> { }).run();
        assertEquals(ExitCode.FAILURE, r.exitCode());
        assertTrue(r.message().startsWith("reboot loop"), r.message());
        assertEquals(JournalState.Idle, journal().state());
        assertEquals(SlotState.GOOD, open().boot().state(Slot.B), "the booted slot is kept");
    }
}
