package io.hostapp.boot;

import io.hostapp.boot.tryboot.BootloaderProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tryboot backend against a file and a device-tree directory that a "firmware" below fills in. */
class TrybootBackendTest {
    private static final Map<Slot, Integer> PARTS = Map.of(Slot.A, 2, Slot.B, 3);

    @TempDir
    Path dir;
    private Path file;
    private Path dt;
    private TrybootBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("autoboot.txt");
        dt = Files.createDirectories(dir.resolve("dt"));
        backend = new TrybootBackend(file, BootFiles.DISK, new BootloaderProperties(dt), PARTS);
        TrybootBackend.initialize(file, BootFiles.DISK, PARTS, Slot.A);
        firmwareBoots(false);
    }

    /** The Pi bootloader: with the tryboot flag, [tryboot]; otherwise [all]. Reports what it did. */
    private void firmwareBoots(boolean trybootFlag) throws Exception {
        String txt = Files.readString(file);
        String section = trybootFlag ? "[tryboot]" : "[all]";
        String after = txt.substring(txt.indexOf(section));
        int p = Integer.parseInt(after.replaceAll("(?s).*?boot_partition=(\\d+).*", "$1"));
        Files.write(dt.resolve("partition"), BootloaderProperties.encodeCell(p));
        Files.write(dt.resolve("tryboot"), BootloaderProperties.encodeCell(trybootFlag ? 1 : 0));
    }

    private void agentReboots() throws Exception {
        Optional<String> arg = backend.prepareReboot();
        firmwareBoots(arg.isPresent() && arg.get().equals("0 tryboot"));
    }

    @Test
    void trialBootThenCommit() throws Exception {
        assertEquals(Slot.A, backend.bootedSlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        assertEquals(Optional.empty(), backend.prepareReboot(), "nothing armed: a plain reboot");
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 1);
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        agentReboots();
        assertEquals(Slot.B, backend.bootedSlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B), "the trial is running");
        assertFalse(backend.fallbackReported());
        backend.markGood(Slot.B);
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertTrue(Files.readString(file).startsWith("[all]\ntryboot_a_b=1\nboot_partition=3\n[tryboot]\nboot_partition=2\n"));
        agentReboots();
        assertEquals(Slot.B, backend.bootedSlot(), "the commit holds across reboots");
    }

    @Test
    void aTrialThatDiesFallsBackAndIsReported() throws Exception {
        backend.tryOnce(Slot.B, 1);
        agentReboots();           // tryboot boot of b ...
        firmwareBoots(false);     // ... which crashes: the reset has no tryboot flag
        assertEquals(Slot.A, backend.bootedSlot());
        assertTrue(backend.fallbackReported());
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markGood(Slot.A);
        assertFalse(backend.fallbackReported());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        assertEquals(Optional.empty(), backend.prepareReboot());
    }

    @Test
    void aPlainRebootDoesNotRunTheTrial() throws Exception {
        backend.tryOnce(Slot.B, 1);
        firmwareBoots(false); // e.g. power cut before the agent's reboot
        assertEquals(Slot.A, backend.bootedSlot());
        assertFalse(backend.fallbackReported());
        assertEquals(SlotState.TRYING, backend.state(Slot.B), "still armed");
    }

    @Test
    void healthFailureRollsBack() throws Exception {
        backend.tryOnce(Slot.B, 1);
        agentReboots();
        backend.markBad(Slot.B);
        assertEquals(Optional.empty(), backend.prepareReboot(), "the rollback reboot is a plain one");
        firmwareBoots(false);
        assertEquals(Slot.A, backend.bootedSlot());
        backend.markGood(Slot.A);
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        assertFalse(backend.fallbackReported());
    }

    @Test
    void markBadOfTheFallbackDuringATrialChangesNothing() throws Exception {
        backend.tryOnce(Slot.B, 1);
        byte[] before = Files.readAllBytes(file);
        backend.markBad(Slot.A);
        assertArrayEquals(before, Files.readAllBytes(file));
        BootException e = assertThrows(BootException.class, () -> backend.tryOnce(Slot.A, 1));
        assertTrue(e.getMessage().endsWith("slot a (partition 2) is the committed slot; a trial boots the other one"),
                e.getMessage());
    }

    @Test
    void badFilesFlipNothing() throws Exception {
        String big = "[all]\nboot_partition=2\n#" + "x".repeat(600) + "\n";
        for (String bad : new String[] {big, "[tryboot]\nboot_partition=3\n", "[all]\nboot_partition=7\n"}) {
            Files.writeString(file, bad);
            BootException e = assertThrows(BootException.class, () -> backend.tryOnce(Slot.B, 1));
            assertTrue(e.getMessage().startsWith("tryboot backend: autoboot.txt " + file + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(bad, Files.readString(file, StandardCharsets.ISO_8859_1), "nothing written");
        }
        Files.delete(file);
        BootException e = assertThrows(BootException.class, () -> backend.markGood(Slot.A));
        assertEquals("tryboot backend: autoboot.txt " + file + ": missing", e.getMessage());
        Files.delete(dt.resolve("partition"));
        e = assertThrows(BootException.class, () -> backend.bootedSlot());
        assertTrue(e.getMessage().startsWith("tryboot backend: device tree " + dt.resolve("partition") + ": missing"),
                e.getMessage());
    }
}
