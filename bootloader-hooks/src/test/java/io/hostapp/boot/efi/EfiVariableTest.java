package io.hostapp.boot.efi;

import io.hostapp.boot.BootException;
import io.hostapp.boot.BootFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EfiVariableTest {
    @TempDir
    Path dir;

    @Test
    void plainDirectoryWritesReplaceWholeFiles() throws Exception {
        EfiVarFs vars = new EfiVarFs(dir, BootFiles.DISK, false, f -> { throw new AssertionError("not efivarfs"); });
        vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(5, 4, 1, 2)));
        vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(4)));
        Path f = dir.resolve("BootOrder-8be4df61-93ca-11d2-aa0d-00e098032b8c");
        assertArrayEquals(new byte[] {7, 0, 0, 0, 4, 0}, Files.readAllBytes(f), "no stale tail");
        assertEquals(List.of(4), vars.read("BootOrder", EfiVariable.GLOBAL).orElseThrow().bootNumbers());
        vars.delete("BootOrder", EfiVariable.GLOBAL);
        vars.delete("BootOrder", EfiVariable.GLOBAL);
        assertEquals(Optional.empty(), vars.read("BootOrder", EfiVariable.GLOBAL));
        assertFalse(EfiVarFs.isEfivarfs(dir));
    }

    @Test
    void malformedVariablesAreNamed() throws Exception {
        EfiVarFs vars = EfiVarFs.open(dir, BootFiles.DISK);
        Path f = dir.resolve("BootNext-8be4df61-93ca-11d2-aa0d-00e098032b8c");
        Files.write(f, new byte[] {7, 0});
        BootException e = assertThrows(BootException.class, () -> vars.read("BootNext", EfiVariable.GLOBAL));
        assertEquals("efivar " + f + ": is 2 bytes, shorter than the 4-byte attributes", e.getMessage());
        Files.write(f, new byte[] {7, 0, 0, 0, 1});
        e = assertThrows(BootException.class, () -> vars.read("BootNext", EfiVariable.GLOBAL).orElseThrow().bootNumbers());
        assertEquals("data is 1 bytes, not a list of 16-bit boot numbers", e.getMessage());
        e = assertThrows(BootException.class, () -> vars.require("BootOrder", EfiVariable.GLOBAL, "the boot order"));
        assertTrue(e.getMessage().endsWith("BootOrder-8be4df61-93ca-11d2-aa0d-00e098032b8c: missing (the boot order)"));
    }

    @Test
    void loadOptionsCarryTheirDescription() throws Exception {
        EfiVariable v = EfiLoadOption.of("hostapp slot a", "\\EFI\\hostapp\\a.efi");
        assertEquals("hostapp slot a", EfiLoadOption.description(v));
        assertTrue(EfiLoadOption.active(v));
        assertEquals(EfiVariable.NV_BS_RT, v.attributes());
    }
}
