package io.hostapp.updater.sim;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.lifecycle.BootCheck;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole cycle on every simulated family, through the agent's own backend and the family's simulated
 * bootloader: install → reboot → commit; install a broken release → health fails → rollback; install it
 * again and crash every boot → the bootloader falls back and the agent records it.
 */
class SimFamiliesTest {
    @TempDir
    Path tmp;

    private Device open(Path dev) throws Exception {
        return Device.openSimulated(dev, new DiskStorage(), UpdateListener.NONE);
    }

    private void install(Path dev, Path image) throws Exception {
        new InstallPipeline(open(dev)).run(new InstallRequest(new FilePayloadSource(image), Optional.empty(), false, false));
    }

    private BootCheck.Result reboot(Path dev) throws Exception {
        return SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim-uboot", "sim-grub", "sim-tryboot", "sim-efi", "sim-custom"})
    void commitRollbackAndBootloaderFallback(String board) throws Exception {
        Path boardFile = SimFixture.shippedBoardFile(tmp, board, 1);
        Path dev = tmp.resolve("device");
        SimulatedDevice.create(boardFile.toString(), dev, SimFixture.image(tmp, "v1.img", 200_000, true, 1),
                Optional.of("v1"), new DiskStorage(), UpdateListener.NONE);
        Device d = open(dev);
        assertEquals(Slot.A, d.boot().bootedSlot());
        assertEquals(SlotState.GOOD, d.boot().state(Slot.A));
        assertEquals(SlotState.BAD, d.boot().state(Slot.B));

        install(dev, SimFixture.image(tmp, "v2.img", 200_000, true, 2));
        assertEquals(SlotState.TRYING, open(dev).boot().state(Slot.B), board);
        assertEquals(ExitCode.OK, reboot(dev).exitCode(), board);
        d = open(dev);
        assertEquals(Slot.B, d.boot().bootedSlot(), board);
        assertEquals(SlotState.GOOD, d.boot().state(Slot.B), board);
        assertEquals(SlotState.FALLBACK, d.boot().state(Slot.A), board);

        Path v3 = SimFixture.image(tmp, "v3.img", 200_000, false, 3);
        install(dev, v3);
        assertEquals(ExitCode.HEALTH, reboot(dev).exitCode(), board);
        d = open(dev);
        assertEquals(Slot.B, d.boot().bootedSlot(), board);
        assertEquals(SlotState.GOOD, d.boot().state(Slot.B), board);
        assertEquals(SlotState.BAD, d.boot().state(Slot.A), board);

        install(dev, v3);
        int limit = open(dev).board().bootloader().bootLimit();
        for (int i = 0; i < limit; i++) { // the new kernel never comes up: only the bootloader runs
            Optional<String> arg = i == 0 ? SimPowerCycle.rebootArgument(open(dev)) : Optional.empty();
            SimBootloader.Boot b = SimBootloader.boot(open(dev), arg);
            assertEquals(Slot.A, b.slot(), board + " crash boot " + (i + 1));
            assertTrue(b.trial(), board);
        }
        BootCheck.Result r = SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { }, false);
        assertEquals(ExitCode.ROLLED_BACK, r.exitCode(), board + ": " + r.message());
        assertTrue(r.message().startsWith("rolled back by bootloader"), r.message());
        d = open(dev);
        assertEquals(Slot.B, d.boot().bootedSlot(), board);
        assertFalse(d.boot().fallbackReported(), board + ": the agent acknowledged the fallback");
        assertEquals(SlotState.GOOD, d.boot().state(Slot.B), board);
        assertEquals(SlotState.BAD, d.boot().state(Slot.A), board);
    }
}
