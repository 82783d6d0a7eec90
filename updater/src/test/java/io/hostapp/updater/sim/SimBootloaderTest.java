package io.hostapp.updater.sim;

import io.hostapp.boot.Slot;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.device.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated bootloader follows DESIGN.md's scheme, like the U-Boot boot script. */
class SimBootloaderTest {
    @TempDir
    Path tmp;

    @Test
    void countsDuringTrialAndFallsBackPastTheLimit() throws Exception {
        Device d = SimFixture.create(tmp, 2, 1);
        d.boot().tryOnce(Slot.B, 2);
        SimBootloader.Boot b1 = SimBootloader.boot(d);
        assertEquals(Slot.B, b1.slot());
        assertEquals(1, b1.bootcount());
        assertTrue(b1.trial());
        assertEquals(Slot.B, d.boot().bootedSlot(), "kernel command line names the booted slot");
        assertEquals(2, SimBootloader.boot(d).bootcount());
        SimBootloader.Boot b3 = SimBootloader.boot(d);
        assertTrue(b3.fellBack());
        assertEquals(Slot.A, b3.slot());
        assertTrue(d.boot().fallbackReported());
        assertEquals(Slot.A, d.boot().primarySlot());
        // counting is off now: later boots do not change the env
        byte[] env = Files.readAllBytes(tmp.resolve("device/uboot.env"));
        SimBootloader.Boot b4 = SimBootloader.boot(d);
        assertFalse(b4.trial());
        assertEquals(Slot.A, b4.slot());
        assertTrue(java.util.Arrays.equals(env, Files.readAllBytes(tmp.resolve("device/uboot.env"))));
    }

    @Test
    void corruptEnvBootsTheDefaultEnvironment() throws Exception {
        Device d = SimFixture.create(tmp, 2, 1);
        Path env = tmp.resolve("device/uboot.env");
        Files.write(env, new byte[(int) Files.size(env)]);
        SimBootloader.Boot b = SimBootloader.boot(d);
        assertTrue(b.envDefaulted());
        assertEquals(Slot.A, b.slot());
    }
}
