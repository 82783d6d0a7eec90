package io.hostapp.tests.boot;

import io.hostapp.boot.BootFiles;
import io.hostapp.boot.EfiBackend;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.boot.efi.EfiLoadOption;
import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.efi.EfiVariable;
import io.hostapp.tests.bootlab.BootLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our efivarfs-format code against the real {@code efibootmgr} (efivar/libefivar), which works on a plain
 * directory given in {@code EFIVARFS_PATH}: it reads the BootNext, BootOrder and Boot#### our EFI backend
 * writes, and our backend reads what it writes.
 */
@Tag("interop")
class EfibootmgrInteropTest {
    @TempDir
    Path dir;
    private EfiVarFs vars;
    private EfiBackend backend;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("efibootmgr");
    }

    @BeforeEach
    void setUp() throws Exception {
        vars = EfiVarFs.open(dir, BootFiles.DISK);
        vars.write("Boot0004", EfiVariable.GLOBAL, EfiLoadOption.of("hostapp slot a", "\\EFI\\hostapp\\a.efi"));
        vars.write("Boot0005", EfiVariable.GLOBAL, EfiLoadOption.of("hostapp slot b", "\\EFI\\hostapp\\b.efi"));
        vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(4)));
        vars.write("BootCurrent", EfiVariable.GLOBAL, new EfiVariable(6, new byte[] {4, 0}));
        backend = new EfiBackend(vars, Map.of(Slot.A, 4, Slot.B, 5));
    }

    private List<String> efibootmgr(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "efibootmgr";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return BootLab.tool(null, Map.of("EFIVARFS_PATH", dir + "/"), cmd).lines().toList();
    }

    @Test
    void efibootmgrReadsWhatOurBackendWrites() throws Exception {
        backend.tryOnce(Slot.B, 1);
        List<String> out = efibootmgr();
        assertTrue(out.contains("BootNext: 0005"), out.toString());
        assertTrue(out.contains("BootCurrent: 0004"), out.toString());
        assertTrue(out.contains("BootOrder: 0004"), out.toString());
        assertTrue(out.contains("Boot0004* hostapp slot a"), out.toString());
        backend.markGood(Slot.B);
        out = efibootmgr();
        assertTrue(out.contains("BootOrder: 0005,0004"), out.toString());
        assertFalse(out.stream().anyMatch(l -> l.startsWith("BootNext")), out.toString());
        assertTrue(efibootmgr("-v").stream().anyMatch(l -> l.startsWith("Boot0005* hostapp slot b")
                && l.contains("File(\\EFI\\hostapp\\b.efi)")), "load option device path");
    }

    @Test
    void ourBackendReadsWhatEfibootmgrWrites() throws Exception {
        efibootmgr("-n", "0005");
        assertEquals(List.of(5), vars.read("BootNext", EfiVariable.GLOBAL).orElseThrow().bootNumbers());
        assertEquals(EfiVariable.NV_BS_RT, vars.read("BootNext", EfiVariable.GLOBAL).orElseThrow().attributes());
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        Files.delete(vars.file("BootNext", EfiVariable.GLOBAL)); // what the firmware does when it boots it
        assertEquals(Slot.A, backend.primarySlot());
        efibootmgr("-o", "0005,0004");
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertTrue(Files.exists(dir.resolve("BootOrder-8be4df61-93ca-11d2-aa0d-00e098032b8c")));
    }
}
