package io.hostapp.boot;

import io.hostapp.boot.efi.EfiLoadOption;
import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.efi.EfiVariable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EFI backend against an efivarfs-format directory and a boot manager modelled below. */
class EfiBackendTest {
    @TempDir
    Path dir;
    private EfiVarFs vars;
    private EfiBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        vars = EfiVarFs.open(dir, BootFiles.DISK);
        vars.write("Boot0001", EfiVariable.GLOBAL, EfiLoadOption.of("slot a", "\\a.efi"));
        vars.write("Boot0002", EfiVariable.GLOBAL, EfiLoadOption.of("slot b", "\\b.efi"));
        vars.write("Boot0003", EfiVariable.GLOBAL, EfiLoadOption.of("UEFI shell", "\\shell.efi"));
        vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(1, 3)));
        firmwareBoots();
        backend = new EfiBackend(vars, Map.of(Slot.A, 1, Slot.B, 2));
    }

    /** UEFI boot manager: BootNext once (deleted first), else the first BootOrder entry; BootCurrent reports it. */
    private void firmwareBoots() throws Exception {
        Optional<EfiVariable> next = vars.read("BootNext", EfiVariable.GLOBAL);
        int entry;
        if (next.isPresent()) {
            vars.delete("BootNext", EfiVariable.GLOBAL);
            entry = next.get().bootNumbers().get(0);
        } else {
            entry = vars.read("BootOrder", EfiVariable.GLOBAL).orElseThrow().bootNumbers().get(0);
        }
        vars.write("BootCurrent", EfiVariable.GLOBAL, new EfiVariable(6, EfiVariable.ofBootNumbers(List.of(entry)).data()));
    }

    private List<Integer> order() throws Exception {
        return vars.read("BootOrder", EfiVariable.GLOBAL).orElseThrow().bootNumbers();
    }

    @Test
    void trialThenCommit() throws Exception {
        assertEquals(Slot.A, backend.bootedSlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 1);
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        firmwareBoots();
        assertEquals(Slot.B, backend.bootedSlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B), "BootNext is gone, the marker says the trial runs");
        assertFalse(backend.fallbackReported());
        backend.markGood(Slot.B);
        assertEquals(List.of(2, 1, 3), order(), "new slot first, old one next, the shell kept after them");
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertFalse(Files.exists(vars.file(EfiBackend.TRIAL_MARKER, EfiVariable.HOSTAPP)));
        firmwareBoots();
        assertEquals(Slot.B, backend.bootedSlot());
    }

    @Test
    void aTrialThatDiesIsReportedUntilTheCommit() throws Exception {
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 1);
        firmwareBoots(); // b, which crashes
        firmwareBoots(); // BootOrder: a
        assertEquals(Slot.A, backend.bootedSlot());
        assertTrue(backend.fallbackReported());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        backend.markBad(Slot.B);
        assertTrue(backend.fallbackReported(), "still reported until a commit");
        backend.markGood(Slot.A);
        assertFalse(backend.fallbackReported());
        assertEquals(List.of(1, 3), order());
    }

    @Test
    void healthFailureRollsBack() throws Exception {
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 1);
        firmwareBoots();
        backend.markBad(Slot.B);
        assertEquals(Slot.A, backend.primarySlot());
        firmwareBoots();
        assertEquals(Slot.A, backend.bootedSlot());
        backend.markGood(Slot.A);
        assertFalse(backend.fallbackReported());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
    }

    @Test
    void markBadOfThePrimaryPutsTheOtherFirst() throws Exception {
        vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(3, 1, 2)));
        backend.markBad(Slot.A);
        assertEquals(List.of(2, 3), order());
        assertEquals(Slot.B, backend.primarySlot());
        backend.markGood(Slot.A);
        assertEquals(List.of(1, 2, 3), order());
    }

    @Test
    void missingVariablesAreNamedAndNothingIsFlipped() throws Exception {
        Files.delete(vars.file("Boot0002", EfiVariable.GLOBAL));
        BootException e = assertThrows(BootException.class, () -> backend.tryOnce(Slot.B, 1));
        assertEquals("efi backend: efivar " + vars.file("Boot0002", EfiVariable.GLOBAL)
                + ": missing (slot b's boot entry; create it with efibootmgr)", e.getMessage());
        assertFalse(Files.exists(vars.file("BootNext", EfiVariable.GLOBAL)));
        assertFalse(Files.exists(vars.file(EfiBackend.TRIAL_MARKER, EfiVariable.HOSTAPP)));
        Files.delete(vars.file("BootOrder", EfiVariable.GLOBAL));
        e = assertThrows(BootException.class, () -> backend.primarySlot());
        assertTrue(e.getMessage().startsWith("efi backend: efivar " + vars.file("BootOrder", EfiVariable.GLOBAL)
                + ": missing"), e.getMessage());
        Files.delete(vars.file("BootCurrent", EfiVariable.GLOBAL));
        e = assertThrows(BootException.class, () -> backend.bootedSlot());
        assertTrue(e.getMessage().contains("BootCurrent-8be4df61-93ca-11d2-aa0d-00e098032b8c: missing"), e.getMessage());
    }
}
