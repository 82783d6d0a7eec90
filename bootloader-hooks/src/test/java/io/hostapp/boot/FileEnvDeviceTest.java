package io.hostapp.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEnvDeviceTest {

    @Test
    void createReadWrite(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("env.img");
        FileEnvDevice d = FileEnvDevice.createFile(f, 100_000);
        assertEquals(100_000, d.size());
        assertEquals((byte) 0xff, d.read(99_999, 1)[0], "blank like erased flash");
        d.write(10, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {(byte) 0xff, 1, 2, 3, (byte) 0xff}, d.read(9, 5));
        assertThrows(EOFException.class, () -> d.read(99_998, 4));
        assertThrows(FileAlreadyExistsException.class, () -> FileEnvDevice.createFile(f, 10));
    }

    @Test
    void writeNeverCreatesAFile(@TempDir Path dir) {
        Path missing = dir.resolve("mmcblk9");
        assertThrows(IOException.class, () -> new FileEnvDevice(missing).write(0, new byte[1]));
        assertFalse(Files.exists(missing));
    }

    @Test
    void rawMtdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FileEnvDevice(Path.of("/dev/mtd1")));
        assertThrows(IllegalArgumentException.class, () -> new FileEnvDevice(Path.of("/dev/ubi0_1")));
        new FileEnvDevice(Path.of("/dev/mtdblock1")); // block emulation is a normal block device
    }

    @Test
    void durableFilesReplaceAtomically(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fw_env.config");
        DurableFiles.write(f, "one".getBytes());
        DurableFiles.write(f, "two".getBytes());
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void anEmmcBootPartitionIsUnlockedForTheWriteAndLockedAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path dev = tmp.resolve("mmcblk1boot1");
        java.nio.file.Files.write(dev, new byte[64]);
        java.nio.file.Path sys = tmp.resolve("sys");
        java.nio.file.Path forceRo = java.nio.file.Files.createDirectories(sys.resolve("mmcblk1boot1")).resolve("force_ro");
        java.nio.file.Files.writeString(forceRo, "1\n");
        FileEnvDevice d = new FileEnvDevice(dev, sys);
        org.junit.jupiter.api.Assertions.assertEquals(forceRo, d.forceRoFile());
        d.write(8, new byte[] {1, 2, 3});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, d.read(8, 3));
        org.junit.jupiter.api.Assertions.assertEquals("1", java.nio.file.Files.readString(forceRo).strip());
        org.junit.jupiter.api.Assertions.assertNull(new FileEnvDevice(tmp.resolve("mmcblk1"), sys).forceRoFile());
    }
}
