package io.hostapp.boot;

import io.hostapp.boot.grub.GrubEnv;
import io.hostapp.boot.grub.GrubEnvFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrubBackendTest {
    @TempDir
    Path dir;
    private Path file;
    private GrubEnvFile env;
    private GrubBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("grubenv");
        Files.write(file, GrubEnv.empty());
        env = new GrubEnvFile(file);
        Files.writeString(dir.resolve("cmdline"), "BOOT_IMAGE=/vmlinuz root=PARTLABEL=root-a hostapp.slot=a\n");
        backend = new GrubBackend(env, BootVariables.DEFAULT, new KernelCmdline(dir.resolve("cmdline")));
        GrubBackend.initialize(env, BootVariables.DEFAULT, Slot.A);
    }

    /** What hostapp.cfg does on a boot: count while armed, fall back past the limit, save_env. */
    private void grubBoots() throws BootException {
        Map<String, String> v = env.read();
        if (!"1".equals(v.get("upgrade_available"))) {
            return;
        }
        int count = Integer.parseInt(v.get("bootcount")) + 1;
        if (count > Integer.parseInt(v.get("bootlimit"))) {
            env.update(Map.of("slot", v.get("fallback_slot"), "upgrade_available", "0", "bootcount", "0", "rollback", "1"));
        } else {
            env.update(Map.of("bootcount", Integer.toString(count)));
        }
    }

    @Test
    void trialCommitAndFallback() throws Exception {
        assertEquals(Slot.A, backend.bootedSlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 2);
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        grubBoots();
        backend.markGood(Slot.B);
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertEquals("0", env.read().get("upgrade_available"));

        backend.markBad(Slot.A);
        backend.tryOnce(Slot.A, 2);
        grubBoots();
        grubBoots();
        grubBoots();
        assertTrue(backend.fallbackReported());
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.BAD, backend.state(Slot.A));
        backend.markGood(Slot.B);
        assertFalse(backend.fallbackReported());
    }

    @Test
    void renamedVariablesAreUsed() throws Exception {
        BootVariables mender = BootVariables.fromMap(Map.of("slot", "mender_boot_part", "slot_a_value", "2",
                "slot_b_value", "3"));
        GrubBackend m = new GrubBackend(env, mender, new KernelCmdline(dir.resolve("cmdline")));
        GrubBackend.initialize(env, mender, Slot.A);
        m.tryOnce(Slot.B, 3);
        assertEquals("3", env.read().get("mender_boot_part"));
        assertEquals(Slot.B, m.primarySlot());
    }

    @Test
    void aBrokenGrubenvFlipsNothing() throws Exception {
        Files.write(file, new byte[1024]);
        BootException e = assertThrows(BootException.class, () -> backend.tryOnce(Slot.B, 3));
        assertEquals("grub backend: grubenv " + file + ": does not start with the signature '# GRUB Environment Block'",
                e.getMessage());
        assertArrayEquals(new byte[1024], Files.readAllBytes(file));
        Files.write(file, new byte[2048]);
        e = assertThrows(BootException.class, () -> backend.markGood(Slot.B));
        assertEquals("grub backend: grubenv " + file + ": is 2048 bytes, a GRUB env block is exactly 1024", e.getMessage());
    }
}
