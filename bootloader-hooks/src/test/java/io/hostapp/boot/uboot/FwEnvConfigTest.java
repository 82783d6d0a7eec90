package io.hostapp.boot.uboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostapp.boot.BootException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FwEnvConfigTest {

    private static String error(String text) {
        return assertThrows(BootException.class, () -> FwEnvConfig.parse(text, "fw_env.config")).getMessage();
    }

    @Test
    void parsesRedundantWithCommentsBlankLinesAndHex() throws Exception {
        FwEnvConfig c = FwEnvConfig.parse("""
                # MMC boot partition, two copies
                
                /dev/mmcblk0boot1   0x0     0x4000
                \t/dev/mmcblk0boot1 0x4000  0x4000 0x200 0x20   
                """, "x");
        assertTrue(c.redundant());
        assertEquals(0x4000, c.envSize());
        assertEquals(new FwEnvConfig.Copy("/dev/mmcblk0boot1", 0, 0x4000), c.copies().get(0));
        assertEquals(new FwEnvConfig.Copy("/dev/mmcblk0boot1", 0x4000, 0x4000, 0x200, 0x20), c.copies().get(1));
    }

    @Test
    void singleLineIsSingleCopyAndDecimalOffsetsWork() throws Exception {
        FwEnvConfig c = FwEnvConfig.parse("/data/uboot.env 16384 0x2000\n", "x");
        assertFalse(c.redundant());
        assertEquals(16384, c.copies().get(0).offset());
        // single-digit sizes read the same in hex and decimal
        assertEquals(8, FwEnvConfig.parse("/e 0 0x40 8 0\n", "x").copies().get(0).sectorSize());
    }

    @Test
    void twoDevices() throws Exception {
        FwEnvConfig c = FwEnvConfig.parse("/dev/mtdblock1 0 0x10000\n/dev/mtdblock2 0 0x10000\n", "x");
        assertTrue(c.redundant());
        assertEquals("/dev/mtdblock2", c.copies().get(1).device());
    }

    @Test
    void textRoundTripUsesHexEverywhere(@TempDir Path dir) throws Exception {
        FwEnvConfig c = FwEnvConfig.of(List.of(new FwEnvConfig.Copy("/e.img", 0, 0x4000),
                new FwEnvConfig.Copy("/e.img", 0x10000, 0x4000, 0x10000, 1)));
        assertEquals("# device offset envsize [sectorsize [sectors]]\n/e.img 0x0 0x4000\n/e.img 0x10000 0x4000 0x10000 0x1\n",
                c.toConfigText());
        Path f = dir.resolve("fw_env.config");
        c.write(f);
        assertEquals(c, FwEnvConfig.read(f));
        assertEquals(FwEnvConfig.redundant("/e.img", 0, 0x4000, 0x4000),
                FwEnvConfig.parse(FwEnvConfig.redundant("/e.img", 0, 0x4000, 0x4000).toConfigText(), "x"));
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        assertEquals("fw_env.config line 2: expected 'device offset envsize [sectorsize [sectors]]', got 2 fields",
                error("# c\n/e 0x0\n"));
        assertEquals("fw_env.config line 1: offset 'zero' is not a number (0x-prefixed hex or decimal) or is too large",
                error("/e zero 0x4000\n"));
        assertEquals("fw_env.config line 1: envsize '0x' is not a number (0x-prefixed hex or decimal) or is too large",
                error("/e 0 0x\n"));
        assertEquals("fw_env.config line 1: offset '0x-10' is not a number (0x-prefixed hex or decimal) or is too large",
                error("/e 0x-10 0x4000\n"));
        assertEquals("fw_env.config line 3: third env copy; fw_env.config describes 1 copy (single) or 2 (redundant)",
                error("/e 0 0x40\n/e 0x40 0x40\n/e 0x80 0x40\n"));
        assertEquals("fw_env.config line 2: copy 2 envsize 0x20 differs from copy 1 envsize 0x40 (both copies must be the same size)",
                error("/e 0 0x40\n/e 0x40 0x20\n"));
        assertEquals("fw_env.config line 2: copies 1 (0x0) and 2 (0x20) overlap on /e", error("/e 0 0x40\n/e 0x20 0x40\n"));
        assertEquals("fw_env.config line 1: envsize 0x4 is out of range 0x7..0x1000000", error("/e 0 0x4\n"));
        assertEquals("fw_env.config line 1: envsize 0x100000000 is larger than the 0x1000000 this tool accepts",
                error("/e 0 0x100000000\n"));
        assertEquals("fw_env.config: no env copy described (only comments or blank lines)", error("# nothing\n\n"));
        assertTrue(error("/e 0 0x40 0x200 0x1 7\n").startsWith("fw_env.config line 1: expected"));
    }

    @Test
    void numbersThatFwPrintenvReadsDifferentlyAreRejected() {
        // libubootenv 0.3.2 reads envsize with %lx: "16384" would be 0x16384
        assertEquals("fw_env.config line 1: envsize '16384' has no 0x prefix; fw_printenv reads this column as hex"
                + " (0x16384), so write 0x4000 for 16384 bytes or 0x16384 for hex", error("/e 0 16384\n"));
        assertTrue(error("/e 0 0x40 512\n").contains("sectorsize '512' has no 0x prefix"));
        // ... and the offset with %lli: a leading 0 is octal
        assertEquals("fw_env.config line 1: offset '040' has a leading 0, which fw_printenv reads as octal;"
                + " write 40 or 0x28 without the leading 0", error("/e 040 0x40\n"));
    }

    @Test
    void factoryRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> FwEnvConfig.single("/a b", 0, 0x4000));
        assertThrows(IllegalArgumentException.class, () -> FwEnvConfig.single("/e", -1, 0x4000));
        assertThrows(IllegalArgumentException.class, () -> FwEnvConfig.redundant("/e", 0, 0x2000, 0x4000));
        assertThrows(IllegalArgumentException.class, () -> FwEnvConfig.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FwEnvConfig.Copy("/e", 0, 0x40, 0, 2));
    }

    @Test
    void readNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c");
        Files.writeString(f, "/e 0 0x40\n/e 0x40\n");
        assertEquals(f + " line 2: expected 'device offset envsize [sectorsize [sectors]]', got 2 fields",
                assertThrows(BootException.class, () -> FwEnvConfig.read(f)).getMessage());
        assertTrue(assertThrows(BootException.class, () -> FwEnvConfig.read(dir.resolve("missing")))
                .getMessage().contains("cannot read"));
    }
}
